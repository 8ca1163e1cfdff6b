package io.serversidesync.runner.destination.hubspot.http;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.SecretLookup;

/**
 * The private app's access token, read from its Secret. After HubSpot refuses it, the next request
 * reads the Secret again, so a token the user replaced in the Secret (a mounted Secret is updated
 * in place) is picked up without restarting the runner.
 */
public final class PrivateAppToken {

  private final SecretLookup secrets;
  private final String secret;
  private final String key;
  private String token;

  public PrivateAppToken(SecretLookup secrets, String secret, String key) {
    this.secrets = secrets;
    this.secret = secret;
    this.key = key;
  }

  /**
   * The token to send.
   *
   * @throws DestinationException CREDENTIALS when the Secret or its key is missing or empty
   */
  public synchronized String current() throws DestinationException {
    if (token == null) {
      String value;
      try {
        value = secrets.get(secret, key);
      } catch (SecretLookup.MissingSecretException e) {
        throw new DestinationException(
            Kind.CREDENTIALS,
            "SecretMissing",
            e.getMessage() + "; it must hold the HubSpot private app's access token",
            null,
            e);
      }
      if (value == null || value.isBlank()) {
        throw new DestinationException(
            Kind.CREDENTIALS,
            "SecretMissing",
            "key " + key + " of Secret " + secret + " is empty; put the private app's token there");
      }
      token = value.trim();
    }
    return token;
  }

  /** HubSpot refused the token: read the Secret again before the next request. */
  public synchronized void refused() {
    token = null;
  }

  /** "key K of Secret S", for messages. */
  public String describe() {
    return "key " + key + " of Secret " + secret;
  }
}
