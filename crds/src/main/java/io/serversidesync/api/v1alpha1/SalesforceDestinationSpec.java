package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A Salesforce org reached through its My Domain URL. */
@Data
@NoArgsConstructor
public class SalesforceDestinationSpec {

  @Required
  @Pattern(Identifiers.LOGIN_URL_PATTERN)
  @JsonPropertyDescription(
      "Base URL of the token endpoint: the org's My Domain URL, e.g."
          + " https://acme.my.salesforce.com (the client-credentials flow requires it). https;"
          + " plain http only to localhost, 127.x.x.x or [::1].")
  private String loginUrl;

  @Default("64.0")
  @Pattern("^[0-9]{2}\\.0$")
  @JsonPropertyDescription(
      "REST API version, e.g. 64.0 (46.0 or later: sObject Collections upsert).")
  private String apiVersion = "64.0";

  @Required
  @JsonPropertyDescription("OAuth 2.0 flow and the Secret holding its credentials.")
  private SalesforceAuth auth;
}
