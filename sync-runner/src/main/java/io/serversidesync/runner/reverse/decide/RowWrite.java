package io.serversidesync.runner.reverse.decide;

/**
 * A write of a destination record to the synced table.
 *
 * @param row the row it changes (locked), or null for an insert
 */
public record RowWrite(PageItem item, RowImage row) {}
