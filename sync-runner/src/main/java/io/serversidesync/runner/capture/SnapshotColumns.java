package io.serversidesync.runner.capture;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.TableInfo;

/**
 * Where each mapped field is in a row read from the table (snapshot, error replay, resend), and its
 * type OID.
 *
 * @param columns for each mapped field, its column in a read row (the identity)
 * @param types for each mapped field, its type OID
 */
public record SnapshotColumns(int[] columns, int[] types) {

  public static SnapshotColumns of(SyncSettings settings, TableInfo table) {
    int[] columns = new int[settings.mapping().size()];
    int[] types = new int[settings.mapping().size()];
    for (int f = 0; f < columns.length; f++) {
      columns[f] = f;
      types[f] = table.columnTypes().get(settings.mapping().get(f).column());
    }
    return new SnapshotColumns(columns, types);
  }
}
