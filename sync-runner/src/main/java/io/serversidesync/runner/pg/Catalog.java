package io.serversidesync.runner.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the synced table's shape from pg_catalog. */
public final class Catalog {

  private Catalog() {}

  /**
   * Whether a schema or relation exists ({@code to_regnamespace} / {@code to_regclass}): DDL with
   * IF NOT EXISTS still needs the privilege to create, which a runner with minimal grants lacks
   * once a DBA created the object for it.
   */
  public static boolean exists(Connection c, String kind, String name) throws SQLException {
    String function =
        switch (kind) {
          case "schema" -> "to_regnamespace";
          case "relation" -> "to_regclass";
          default -> throw new IllegalArgumentException(kind);
        };
    try (PreparedStatement s = c.prepareStatement("SELECT " + function + "(?) IS NOT NULL")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The table, or empty if it does not exist. */
  public static Optional<TableInfo> table(Connection c, String schema, String table)
      throws SQLException {
    int oid;
    char identity;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT c.oid, c.relreplident FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?"
                + " AND c.relkind IN ('r', 'p')")) {
      s.setString(1, schema);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        oid = rs.getInt(1);
        identity = rs.getString(2).charAt(0);
      }
    }
    Map<String, Integer> columns = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = ? AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum")) {
      s.setInt(1, oid);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    List<String> identityColumns = new ArrayList<>();
    if (identity == 'd' || identity == 'i') {
      String which = identity == 'd' ? "i.indisprimary" : "i.indisreplident";
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                  + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ? AND "
                  + which
                  + " ORDER BY a.attnum")) {
        s.setInt(1, oid);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            identityColumns.add(rs.getString(1));
          }
        }
      }
    }
    return Optional.of(new TableInfo(oid, columns, identity, identityColumns));
  }

  /**
   * Names of the valid unique indexes (and constraints) whose only column is {@code column},
   * non-partial and not on an expression.
   */
  public static List<UniqueIndex> uniqueIndexesOn(Connection c, int tableOid, String column)
      throws SQLException {
    List<UniqueIndex> found = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT ic.relname, i.indisprimary, a.attnotnull, i.indimmediate FROM pg_index i"
                + " JOIN pg_class ic ON ic.oid = i.indexrelid"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                + " WHERE i.indrelid = ? AND i.indisunique AND i.indisvalid AND i.indnatts = 1"
                + " AND i.indpred IS NULL AND i.indexprs IS NULL AND a.attname = ?")) {
      s.setInt(1, tableOid);
      s.setString(2, column);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(
              new UniqueIndex(
                  rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)));
        }
      }
    }
    return found;
  }

  /**
   * A single-column unique index.
   *
   * @param name index name
   * @param primaryKey whether it backs the primary key
   * @param columnNotNull whether the column is NOT NULL (required for REPLICA IDENTITY USING INDEX)
   * @param immediate not deferrable (also required)
   */
  public record UniqueIndex(
      String name, boolean primaryKey, boolean columnNotNull, boolean immediate) {}
}
