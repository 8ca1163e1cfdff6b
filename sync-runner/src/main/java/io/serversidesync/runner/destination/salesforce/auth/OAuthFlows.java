package io.serversidesync.runner.destination.salesforce.auth;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.ratelimit.TimeSource;

/** Builds the flow named by spec.destination.salesforce.auth. */
public final class OAuthFlows {

  private OAuthFlows() {}

  /**
   * @param flow spec.destination.salesforce.auth.flow
   * @param secretName spec.destination.salesforce.auth.secretRef.name
   * @param audience spec.destination.salesforce.auth.audience (JWT bearer only)
   */
  public static OAuthFlow create(
      AuthFlow flow, String secretName, String audience, SecretLookup secrets, TimeSource time) {
    SecretKeys keys = new SecretKeys(secrets, secretName, flow.name());
    return switch (flow) {
      case ClientCredentials -> new ClientCredentialsFlow(keys);
      case JwtBearer -> new JwtBearerFlow(keys, audience, time);
      case RefreshToken -> new RefreshTokenFlow(keys);
    };
  }
}
