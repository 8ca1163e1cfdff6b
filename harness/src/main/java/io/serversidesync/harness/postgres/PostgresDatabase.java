package io.serversidesync.harness.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One database of the disposable cluster, fresh for each test class. */
public final class PostgresDatabase {

  private final PostgresCluster cluster;
  private final String name;

  PostgresDatabase(PostgresCluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
  }

  public PostgresCluster cluster() {
    return cluster;
  }

  public String name() {
    return name;
  }

  public String host() {
    return cluster.host();
  }

  public int port() {
    return cluster.port();
  }

  public String user() {
    return cluster.superuser();
  }

  public String password() {
    return cluster.password();
  }

  public String jdbcUrl() {
    return cluster.jdbcUrl(name);
  }

  /** A new superuser connection; the caller closes it. */
  public Connection connect() throws SQLException {
    return cluster.connect(name);
  }

  /** Runs statements, each in its own implicit transaction. */
  public void execute(String... statements) {
    cluster.execute(name, statements);
  }

  /** Returns the first column of the first row as a long (e.g. a count). */
  public long queryLong(String sql) {
    List<Map<String, Object>> rows = query(sql);
    if (rows.isEmpty()) {
      throw new IllegalStateException("no row from: " + sql);
    }
    Object value = rows.get(0).values().iterator().next();
    return ((Number) value).longValue();
  }

  /** Returns every row as column-name → value, in column order. */
  public List<Map<String, Object>> query(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
    }
  }
}
