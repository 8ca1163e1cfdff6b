package io.serversidesync.runner.capture;

import java.util.List;

/**
 * A table as pgoutput describes it in a Relation message; later row messages refer to it by id.
 * Only the published columns are listed (the publication's column list).
 *
 * @param id the table's OID
 * @param namespace schema name
 * @param name table name
 * @param replicaIdentity d (default), n (nothing), f (full) or i (index)
 * @param columns published columns in table order
 */
public record Relation(
    int id, String namespace, String name, char replicaIdentity, List<RelationColumn> columns) {

  public Relation {
    columns = List.copyOf(columns);
  }

  /** Position of the column with this name, or -1. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** schema.table */
  public String qualifiedName() {
    return namespace + "." + name;
  }
}
