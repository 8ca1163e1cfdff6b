package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A HubSpot account reached with a private-app access token. */
@Data
@NoArgsConstructor
public class HubSpotDestinationSpec {

  @Default("https://api.hubapi.com")
  @Pattern("^https?://[^\\s/]+(:[0-9]+)?/?$")
  @JsonPropertyDescription("Base URL of the HubSpot API.")
  private String baseUrl = "https://api.hubapi.com";

  @Required
  @JsonPropertyDescription("Secret key holding the private app's access token.")
  private SecretKeyRef accessTokenSecretRef;
}
