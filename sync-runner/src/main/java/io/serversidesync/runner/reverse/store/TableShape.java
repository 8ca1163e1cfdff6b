package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The synced table as the reverse direction writes it: quoted names and SQL types (as {@code
 * format_type} spells them without the type modifier, so text values can be cast to them and the
 * column itself enforces its length) of the upsert key, the mapped columns, the destination-id
 * column and the columns of parents' ids.
 *
 * @param table the quoted schema.table
 * @param key the quoted upsert key column
 * @param keyType its SQL type
 * @param columns the quoted mapped columns in mapping order (the key among them)
 * @param types their SQL types
 * @param typeOids their type OIDs (to parse values like the capture side does)
 * @param keyField the key's position among the mapped columns
 * @param idColumn the quoted destination-id column
 * @param idType its SQL type
 * @param parentIds the columns that receive a parent's native id
 *     (spec.mapping[].reference.idColumn)
 */
public record TableShape(
    String table,
    String key,
    String keyType,
    List<String> columns,
    List<String> types,
    int[] typeOids,
    int keyField,
    String idColumn,
    String idType,
    List<ParentIdColumn> parentIds) {

  /** Reads the column types from the catalog. */
  public static TableShape read(Connection c, SyncSettings settings) throws SQLException {
    Map<String, String> types = new HashMap<>();
    Map<String, Integer> oids = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            // Without the type modifier: an explicit cast to varchar(12) or char(n) cuts a value
            // short without an error, where writing it into the column refuses it (22001).
            "SELECT a.attname, format_type(a.atttypid, NULL), a.atttypid"
                + " FROM pg_attribute a WHERE a.attrelid = ?::regclass AND a.attnum > 0"
                + " AND NOT a.attisdropped")) {
      s.setString(1, Sql.qualified(settings.schema(), settings.table()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
          oids.put(rs.getString(1), rs.getInt(3));
        }
      }
    }
    List<String> columns = settings.columns();
    String idColumn = settings.twoWay().destinationIdColumn();
    for (String column : columns) {
      require(types, column, settings);
    }
    require(types, idColumn, settings);
    List<ParentIdColumn> parentIds = new ArrayList<>();
    for (Map.Entry<String, String> e : settings.parentIdColumns().entrySet()) {
      require(types, e.getValue(), settings);
      parentIds.add(
          new ParentIdColumn(e.getKey(), Sql.ident(e.getValue()), types.get(e.getValue())));
    }
    int[] typeOids = new int[columns.size()];
    for (int i = 0; i < typeOids.length; i++) {
      typeOids[i] = oids.get(columns.get(i));
    }
    return new TableShape(
        Sql.qualified(settings.schema(), settings.table()),
        Sql.ident(settings.upsertKey()),
        types.get(settings.upsertKey()),
        columns.stream().map(Sql::ident).toList(),
        columns.stream().map(types::get).toList(),
        typeOids,
        settings.keyField(),
        Sql.ident(idColumn),
        types.get(idColumn),
        List.copyOf(parentIds));
  }

  private static void require(Map<String, String> types, String column, SyncSettings settings)
      throws SQLException {
    if (!types.containsKey(column)) {
      throw new SQLException(
          "column "
              + column
              + " of "
              + Sql.qualified(settings.schema(), settings.table())
              + " no longer exists",
          "42703");
    }
  }

  int fieldCount() {
    return columns.size();
  }
}
