package io.serversidesync.runner.destination.salesforce.auth;

import io.serversidesync.runner.destination.DestinationException;
import okhttp3.FormBody;

/**
 * Client credentials: the connected app's consumer key and secret; the token runs as the app's
 * integration user. Needs the org's My Domain URL as the login URL.
 */
final class ClientCredentialsFlow implements OAuthFlow {

  private final SecretKeys keys;

  ClientCredentialsFlow(SecretKeys keys) {
    this.keys = keys;
  }

  @Override
  public FormBody tokenRequest() throws DestinationException {
    return new FormBody.Builder()
        .add("grant_type", "client_credentials")
        .add("client_id", keys.required("clientId"))
        .add("client_secret", keys.required("clientSecret"))
        .build();
  }

  @Override
  public String secretName() {
    return keys.secretName();
  }

  @Override
  public String keys() {
    return "clientId and clientSecret";
  }
}
