package io.serversidesync.runner.destination.salesforce.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.runner.destination.DestinationException;
import okhttp3.FormBody;

/**
 * Refresh token: a long-lived token obtained once interactively. When the app rotates refresh
 * tokens, the new one is used from then on (it cannot be written back to the Secret, so a restarted
 * runner starts again from the Secret's value: keep rotation off for this app).
 */
final class RefreshTokenFlow implements OAuthFlow {

  private final SecretKeys keys;
  private String secretValue;
  private String rotated;

  RefreshTokenFlow(SecretKeys keys) {
    this.keys = keys;
  }

  @Override
  public synchronized FormBody tokenRequest() throws DestinationException {
    String fromSecret = keys.required("refreshToken");
    if (!fromSecret.equals(secretValue)) {
      // The Secret changed since the last rotation: the user's new token wins.
      secretValue = fromSecret;
      rotated = null;
    }
    FormBody.Builder form =
        new FormBody.Builder()
            .add("grant_type", "refresh_token")
            .add("refresh_token", rotated != null ? rotated : fromSecret)
            .add("client_id", keys.required("clientId"));
    String clientSecret = keys.optional("clientSecret");
    if (clientSecret != null) {
      form.add("client_secret", clientSecret);
    }
    return form.build();
  }

  @Override
  public synchronized void accepted(JsonNode response) {
    JsonNode next = response.get("refresh_token");
    if (next != null && next.isTextual() && !next.asText().isBlank()) {
      rotated = next.asText();
    }
  }

  @Override
  public String secretName() {
    return keys.secretName();
  }

  @Override
  public String keys() {
    return "clientId, refreshToken and (if the app requires it) clientSecret";
  }
}
