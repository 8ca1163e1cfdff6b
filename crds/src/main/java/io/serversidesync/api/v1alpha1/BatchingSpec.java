package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;
import lombok.NoArgsConstructor;

/** How coalesced changes are grouped into destination calls. */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.maxRecords) || (self.maxRecords >= 1 && self.maxRecords <= 200)",
    message =
        "spec.batching.maxRecords must be between 1 and 200 (records per sObject Collections call)",
    fieldPath = ".maxRecords",
    reason = "FieldValueInvalid")
public class BatchingSpec {

  @Default("200")
  @Min(1)
  @Max(200)
  @JsonPropertyDescription(
      "Records per destination call, 1 to 200 (the sObject Collections limit; HubSpot's batch"
          + " calls take at most 100, so larger values mean 100 there). Larger values mean fewer"
          + " API calls.")
  private int maxRecords = 200;

  @Default("2s")
  @Pattern(Identifiers.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Longest time a captured change may wait before it is flushed, e.g. 2s or 500ms. Longer"
          + " means more coalescing and fewer calls; shorter means fresher data.")
  private String maxDelay = "2s";

  @Min(201)
  @JsonPropertyDescription(
      "Optional: flushes of at least this many records use a Bulk API 2.0 job. Unset, the"
          + " planner chooses the path with fewer API calls that fits within maxDelay; a backlog"
          + " (changes written while the runner was stopped) takes the path with fewer calls"
          + " whatever its latency.")
  private Integer bulkThreshold;

  @Default("1000000")
  @Min(1)
  @JsonPropertyDescription(
      "Most distinct keys held pending. At the bound the runner flushes and pauses reading WAL"
          + " (back-pressure); nothing is dropped.")
  private int maxPendingKeys = 1_000_000;

  @Default("256Mi")
  @Pattern(Identifiers.QUANTITY_PATTERN)
  @JsonPropertyDescription(
      "Estimated memory the pending changes may use (Kubernetes quantity, e.g. 256Mi, 512M or"
          + " 1G). Like"
          + " maxPendingKeys, reaching it applies back-pressure.")
  private String maxPendingMemory = "256Mi";
}
