package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Which OAuth 2.0 flow the runner uses and where its credentials are. */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SalesforceAuth {

  @Required
  @JsonPropertyDescription(
      "OAuth 2.0 flow: ClientCredentials (Secret keys clientId, clientSecret), JwtBearer"
          + " (clientId, username, privateKey as PEM PKCS#8) or RefreshToken (clientId,"
          + " refreshToken, optional clientSecret).")
  private AuthFlow flow;

  @Required
  @JsonPropertyDescription("Secret holding the flow's credentials under the keys listed in flow.")
  private SecretRef secretRef;

  @Pattern("^https://[^\\s/]+/?$")
  @JsonPropertyDescription(
      "JwtBearer only: the aud claim. https://login.salesforce.com for production (default),"
          + " https://test.salesforce.com for sandboxes. Not the My Domain URL.")
  @Default("https://login.salesforce.com")
  private String audience = "https://login.salesforce.com";
}
