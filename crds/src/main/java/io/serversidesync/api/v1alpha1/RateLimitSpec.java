package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Limits on destination API use, shared by every call the runner makes. */
@Data
@NoArgsConstructor
public class RateLimitSpec {

  @Default("5")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Most destination API requests per second (token bucket).")
  private int requestsPerSecond = 5;

  @Default("2")
  @Min(1)
  @Max(25)
  @JsonPropertyDescription(
      "Most destination API requests in flight at once (Salesforce allows 25 long-running).")
  private int maxConcurrent = 2;

  @Default("20%")
  @Pattern(Identifiers.PERCENT_PATTERN)
  @JsonPropertyDescription(
      "Share of the org's rolling 24-hour API allocation this sync may use, e.g. 20%. The"
          + " runner learns the allocation and other clients' usage from the Sforce-Limit-Info"
          + " header and waits (phase Throttled) when the share is spent.")
  private String dailyQuotaShare = "20%";
}
