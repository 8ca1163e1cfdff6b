package io.serversidesync.runner.capture;

/**
 * One column of a published relation, as the Relation message describes it.
 *
 * @param name column name
 * @param typeOid the column's type OID (see pg_type)
 * @param typeModifier atttypmod, -1 when none
 * @param partOfKey whether the column belongs to the replica identity
 */
public record RelationColumn(String name, int typeOid, int typeModifier, boolean partOfKey) {}
