package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One key of a Secret in the resource's namespace. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class SecretKeyRef {

  @Required
  @Size(min = 1, max = 253)
  @Pattern(Identifiers.SECRET_NAME_PATTERN)
  @JsonPropertyDescription("Name of the Secret, in the same namespace as this resource.")
  private String name;

  @Required
  @Pattern(Identifiers.SECRET_KEY_PATTERN)
  @JsonPropertyDescription("Key inside the Secret.")
  private String key;
}
