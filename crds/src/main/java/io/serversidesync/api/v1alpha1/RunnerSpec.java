package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Settings of the runner pod. */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunnerSpec {

  @JsonPropertyDescription(
      "Compute resources of the runner container. Unset values take the operator's defaults"
          + " (requests cpu 250m, memory 384Mi; limits memory 512Mi).")
  private ComputeResources resources;

  @Default("INFO")
  @JsonPropertyDescription("Log level of the runner: ERROR, WARN, INFO, DEBUG or TRACE.")
  private LogLevel logLevel = LogLevel.INFO;

  @JsonPropertyDescription(
      "Placement of the runner's pods: labels, annotations, nodeSelector, tolerations, affinity,"
          + " priorityClassName, imagePullSecrets, env. Each field set here replaces the"
          + " operator's default for it; labels, annotations, nodeSelector and env merge per key.")
  private RunnerPodTemplate pod;
}
