package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A kstatus-style condition. */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  @Required
  @JsonPropertyDescription("Condition type: Ready, Reconciling or Stalled.")
  private String type;

  @Required
  @JsonPropertyDescription("True, False or Unknown.")
  private String status;

  @JsonPropertyDescription("One CamelCase word saying why, e.g. Streaming or InvalidSpec.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail: what happened and what to do.")
  private String message;

  @JsonPropertyDescription("When status last changed (RFC 3339, UTC).")
  private String lastTransitionTime;

  @JsonPropertyDescription("The metadata.generation the condition was computed for.")
  private Long observedGeneration;
}
