package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * Observed state, written by the operator. Conditions follow kstatus: Ready (normal-true),
 * Reconciling and Stalled (abnormal-true).
 */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServerSideSyncStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "What the sync is doing: Pending, Snapshotting, Streaming, Throttled, Suspended or"
          + " Failed.")
  private Phase phase;

  @JsonPropertyDescription(
      "Conditions Ready, Reconciling and Stalled, each with status, reason, message and"
          + " lastTransitionTime.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("How far the destination is behind the source.")
  private Lag lag;

  @JsonPropertyDescription("Running totals reported by the runner since the sync was created.")
  private Counters counters;

  @JsonPropertyDescription(
      "Two-way sync only: totals of the reverse direction (destination to Postgres).")
  private ReverseCounters reverse;

  @JsonPropertyDescription(
      "Last LSN confirmed to the replication slot: every change up to it is in the"
          + " destination or in the errors table.")
  private String confirmedLsn;

  @JsonPropertyDescription(
      "While Throttled: when the runner expects to resume (RFC 3339), from the quota window or"
          + " Retry-After.")
  private String throttledUntil;

  @JsonPropertyDescription(
      "Value of the serversidesync.io/replay-errors annotation the runner has acted on.")
  private String replayErrorsAcknowledged;

  @JsonPropertyDescription(
      "What the sync will cost in destination API calls, estimated by a dry run (spec.dryRun);"
          + " kept while the sync is suspended.")
  private PlanStatus plan;
}
