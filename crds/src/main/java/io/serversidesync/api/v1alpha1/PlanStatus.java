package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * What the sync will cost the destination's API allocation, estimated by the runner in dry-run mode
 * ({@code sync-runner plan}) from the source's statistics and the destination's limits.
 */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanStatus {

  @JsonPropertyDescription("When the estimate was made (RFC 3339).")
  private String estimatedAt;

  @JsonPropertyDescription("Rows of the table (pg_class.reltuples, as of the last ANALYZE).")
  private long rows;

  @JsonPropertyDescription("Path the initial load takes: collections or bulk.")
  private String initialLoadPath;

  @JsonPropertyDescription("API calls of the initial load.")
  private long initialLoadCalls;

  @JsonPropertyDescription(
      "Changes per day the estimate assumes (sampled from pg_stat_user_tables, or given).")
  private long changesPerDay;

  @JsonPropertyDescription("Expected distinct keys per flush, from maxDelay and the keys.")
  private double keysPerFlush;

  @JsonPropertyDescription("Path the steady state's flushes take: collections or bulk.")
  private String steadyPath;

  @JsonPropertyDescription(
      "API calls per day in the steady state, two-way polling included (the CALLS/DAY column).")
  private long callsPerDay;

  @JsonPropertyDescription("Two-way only: API calls per day of the reverse direction's polls.")
  private Long pollingCallsPerDay;

  @JsonPropertyDescription("The destination's daily API allocation (all integrations).")
  private long allocation;

  @JsonPropertyDescription("Part of the allocation used when the estimate was made.")
  private long allocationUsed;

  @JsonPropertyDescription("callsPerDay as a percentage of the allocation, e.g. 4.2%.")
  private String shareOfAllocation;

  @JsonPropertyDescription(
      "Whether spec.rateLimit.dailyQuotaShare would throttle the steady state or the initial"
          + " load.")
  private boolean throttled;

  @JsonPropertyDescription("The estimate in one sentence, with what to change when throttled.")
  private String summary;
}
