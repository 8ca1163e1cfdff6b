package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Totals of the reverse direction of a two-way sync. */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReverseCounters {

  @JsonPropertyDescription("Changed destination records read by the reverse poll.")
  private long recordsRead;

  @JsonPropertyDescription("Rows inserted or updated in Postgres by the reverse direction.")
  private long rowsApplied;

  @JsonPropertyDescription(
      "Records changed on both sides since the last sync (resolved by policy).")
  private long conflicts;

  @JsonPropertyDescription(
      "Changed destination records not applied: no external id (the identifier is"
          + " customer-managed), refused by Postgres, or deleted in Postgres. The runner logs each"
          + " reason with an example.")
  private long recordsSkipped;

  @JsonPropertyDescription("When the destination was last polled (RFC 3339, UTC).")
  private String lastPollTime;
}
