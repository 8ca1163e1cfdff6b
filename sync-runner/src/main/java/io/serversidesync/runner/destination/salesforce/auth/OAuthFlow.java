package io.serversidesync.runner.destination.salesforce.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.runner.destination.DestinationException;
import okhttp3.FormBody;

/** One OAuth 2.0 grant: how to ask the token endpoint for an access token. */
public interface OAuthFlow {

  /** The form of a token request, built from the Secret's current values. */
  FormBody tokenRequest() throws DestinationException;

  /**
   * Fails if the Secret lacks a key or holds an unusable value, without calling the network, so a
   * bad Secret is reported before any change is read.
   */
  default void check() throws DestinationException {
    tokenRequest();
  }

  /** Takes note of a successful token response (e.g. a rotated refresh token). */
  default void accepted(JsonNode response) {}

  /** The Secret the credentials come from, for messages. */
  String secretName();

  /** The Secret keys this flow reads, for messages, e.g. "clientId and clientSecret". */
  String keys();
}
