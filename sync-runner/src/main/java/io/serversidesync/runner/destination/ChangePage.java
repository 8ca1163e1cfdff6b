package io.serversidesync.runner.destination;

import java.util.List;

/**
 * One page of changed records, oldest first in {@link ChangeCursor#ORDER}.
 *
 * @param records the records of this page
 * @param continuation opaque token for the next page of the same read (Salesforce: the
 *     nextRecordsUrl), or null when this is the last page
 */
public record ChangePage(List<ChangedRecord> records, String continuation) {

  public ChangePage {
    records = List.copyOf(records);
  }

  public boolean last() {
    return continuation == null;
  }
}
