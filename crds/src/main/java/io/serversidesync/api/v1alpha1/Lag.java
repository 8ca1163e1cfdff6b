package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Distance between the source and what the destination acknowledged. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class Lag {

  @JsonPropertyDescription("WAL bytes between the server's current position and the confirmed LSN.")
  private long bytes;

  @JsonPropertyDescription(
      "Seconds since the oldest change not yet acknowledged by the destination was committed.")
  private double seconds;
}
