package io.serversidesync.sandbox.hubspot.search;

import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import java.util.List;
import java.util.OptionalInt;

/**
 * One page of a search.
 *
 * @param total every match, not only this page's
 * @param records this page
 * @param nextAfter the {@code after} of the next page, empty on the last
 */
public record SearchPage(long total, List<HubSpotRecord> records, OptionalInt nextAfter) {
  public SearchPage {
    records = List.copyOf(records);
  }
}
