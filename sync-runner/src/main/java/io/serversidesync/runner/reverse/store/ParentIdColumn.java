package io.serversidesync.runner.reverse.store;

/**
 * A column that receives the native record id of a lookup's parent.
 *
 * @param field the lookup field, e.g. AccountId
 * @param column the quoted column
 * @param type its SQL type
 */
public record ParentIdColumn(String field, String column, String type) {}
