package io.serversidesync.runner.errors;

import java.util.List;

/**
 * One record that could not be delivered, as it goes into serversidesync.errors.
 *
 * @param upsertKey the key, or null when the row had none
 * @param lsn the WAL position the change was confirmed with (0 when not from the WAL)
 * @param code destination or runner error code, e.g. STRING_TOO_LONG or NULL_UPSERT_KEY
 * @param message what happened and what to do
 * @param fields the fields concerned
 * @param payloadJson the row as JSON, or null
 * @param attempts delivery attempts made
 */
public record ErrorEntry(
    String upsertKey,
    long lsn,
    String code,
    String message,
    List<String> fields,
    String payloadJson,
    int attempts) {

  public ErrorEntry {
    fields = List.copyOf(fields);
  }
}
