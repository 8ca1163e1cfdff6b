package io.serversidesync.runner.deliver;

import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.errors.ErrorEntry;
import java.util.List;

/**
 * A cut turned into destination records.
 *
 * @param upserts records to upsert
 * @param deletes records to delete (key only)
 * @param errors entries that go to the errors table without a write (rejects, unconvertible)
 */
record BuiltRecords(
    List<DestinationRecord> upserts, List<DestinationRecord> deletes, List<ErrorEntry> errors) {}
