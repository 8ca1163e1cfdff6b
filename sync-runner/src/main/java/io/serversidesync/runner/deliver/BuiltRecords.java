package io.serversidesync.runner.deliver;

import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.errors.ErrorEntry;
import java.util.List;

/**
 * Records of one request, built from pending changes.
 *
 * @param records records to write, in the order of the changes they came from
 * @param errors entries that go to the errors table without a write (unconvertible values)
 */
record BuiltRecords(List<DestinationRecord> records, List<ErrorEntry> errors) {}
