package io.serversidesync.runner.coalesce;

import java.util.List;

/**
 * A change that cannot be delivered as it is (null upsert key, a value with no typed form). It goes
 * to the errors table with the reason, in the same window as the changes around it, so the
 * checkpoint may pass it.
 *
 * @param key the upsert key, or null when the key itself is missing
 * @param code error code, e.g. NULL_UPSERT_KEY or VALUE_NOT_CONVERTIBLE
 * @param message what is wrong and how to fix it
 * @param fields the destination fields concerned, possibly empty
 * @param payloadJson the row as JSON (column → text), for the errors table
 */
public record RejectedChange(
    String key, String code, String message, List<String> fields, String payloadJson) {

  public RejectedChange {
    fields = List.copyOf(fields);
  }
}
