package io.serversidesync.runner.pg;

import java.util.List;
import java.util.Map;

/**
 * What the catalog says about the synced table.
 *
 * @param oid the table's OID
 * @param columnTypes column name → type OID, for every column
 * @param replicaIdentity d (default: primary key), n (nothing), f (full) or i (index)
 * @param identityColumns the columns the replica identity sends on update and delete (empty for
 *     full and nothing)
 */
public record TableInfo(
    int oid, Map<String, Integer> columnTypes, char replicaIdentity, List<String> identityColumns) {

  public TableInfo {
    columnTypes = Map.copyOf(columnTypes);
    identityColumns = List.copyOf(identityColumns);
  }
}
