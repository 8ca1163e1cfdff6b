package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Requests and limits of the runner container. */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComputeResources {

  @JsonPropertyDescription("Resources the scheduler reserves for the runner.")
  private ResourceAmounts requests;

  @JsonPropertyDescription("Most the runner may use; above the memory limit it is restarted.")
  private ResourceAmounts limits;
}
