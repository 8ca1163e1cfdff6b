package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** CPU and memory as Kubernetes quantities. */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceAmounts {

  @Pattern(Identifiers.QUANTITY_PATTERN)
  @JsonPropertyDescription("CPU as a Kubernetes quantity, e.g. 250m, 0.5 or 1.")
  private String cpu;

  @Pattern(Identifiers.QUANTITY_PATTERN)
  @JsonPropertyDescription("Memory as a Kubernetes quantity, e.g. 384Mi, 1Gi, 512M or 1G.")
  private String memory;
}
