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

  @Pattern("^[0-9]+(\\.[0-9]+)?m?$")
  @JsonPropertyDescription("CPU, e.g. 250m or 1.")
  private String cpu;

  @Pattern("^[0-9]+(Ki|Mi|Gi|K|M|G)?$")
  @JsonPropertyDescription("Memory, e.g. 384Mi or 1Gi.")
  private String memory;
}
