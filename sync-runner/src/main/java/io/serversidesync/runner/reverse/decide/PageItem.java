package io.serversidesync.runner.reverse.decide;

import io.serversidesync.runner.destination.ChangedRecord;

/**
 * A changed destination record of a page, with its key and the hashes of its fields.
 *
 * @param hashes null for a deletion
 */
public record PageItem(ChangedRecord record, String key, FieldHashes hashes) {}
