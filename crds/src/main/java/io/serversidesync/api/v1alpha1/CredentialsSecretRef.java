package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A Secret in the resource's namespace holding a user name and a password. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class CredentialsSecretRef {

  @Required
  @Size(min = 1, max = 253)
  @Pattern(Identifiers.SECRET_NAME_PATTERN)
  @JsonPropertyDescription("Name of the Secret, in the same namespace as this resource.")
  private String name;

  @Default("username")
  @Pattern(Identifiers.SECRET_KEY_PATTERN)
  @JsonPropertyDescription("Key of the user name in the Secret.")
  private String usernameKey = "username";

  @Default("password")
  @Pattern(Identifiers.SECRET_KEY_PATTERN)
  @JsonPropertyDescription("Key of the password in the Secret.")
  private String passwordKey = "password";
}
