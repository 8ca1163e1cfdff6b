package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * An environment variable of the runner container. A plain value only: Secrets reach the runner as
 * files through the spec's Secret references, never through the environment.
 */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunnerEnvVar {

  @Required
  @Pattern(RunnerPodTemplate.ENV_NAME_PATTERN)
  @JsonPropertyDescription("Name of the variable, e.g. HTTPS_PROXY.")
  private String name;

  @JsonPropertyDescription("Its value (plain text, visible to anyone who can read the resource).")
  private String value;
}
