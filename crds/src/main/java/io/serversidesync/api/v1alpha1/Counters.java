package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Totals of the forward direction. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class Counters {

  @JsonPropertyDescription("Row changes read from the WAL and the initial snapshot.")
  private long changesCaptured;

  @JsonPropertyDescription("Records the destination acknowledged.")
  private long recordsWritten;

  @JsonPropertyDescription("Destination API calls made (including retries and OAuth).")
  private long apiCalls;

  @JsonPropertyDescription(
      "API calls saved compared with one call per captured change (changesCaptured - apiCalls).")
  private long apiCallsSaved;

  @JsonPropertyDescription("Records that ended in the serversidesync.errors table.")
  private long recordErrors;
}
