package io.serversidesync.runner.destination.salesforce.auth;

import io.serversidesync.api.runner.RunnerReasons;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.SecretLookup;

/** Reads the keys of one Secret for one flow, with messages that say what the flow needs. */
final class SecretKeys {

  private final SecretLookup secrets;
  private final String secretName;
  private final String flow;

  SecretKeys(SecretLookup secrets, String secretName, String flow) {
    this.secrets = secrets;
    this.secretName = secretName;
    this.flow = flow;
  }

  String secretName() {
    return secretName;
  }

  /** A key the flow cannot do without. */
  String required(String key) throws DestinationException {
    String value;
    try {
      value = secrets.get(secretName, key);
    } catch (SecretLookup.MissingSecretException e) {
      throw missing(key, e);
    }
    if (value == null || value.isBlank()) {
      throw missing(key, null);
    }
    return value.strip();
  }

  /** A key the flow uses when present; null otherwise. */
  String optional(String key) {
    try {
      String value = secrets.get(secretName, key);
      return value == null || value.isBlank() ? null : value.strip();
    } catch (SecretLookup.MissingSecretException e) {
      return null;
    }
  }

  private DestinationException missing(String key, Exception cause) {
    String message =
        cause instanceof SecretLookup.SecretNotFoundException
            ? cause.getMessage()
                + "; create it with key "
                + key
                + " (the "
                + flow
                + " flow needs it), or fix spec.destination.salesforce.auth.secretRef.name"
            : "Secret "
                + secretName
                + " has no value for key "
                + key
                + ", which the "
                + flow
                + " flow needs; add it to the Secret";
    return new DestinationException(
        Kind.CREDENTIALS, RunnerReasons.SECRET_KEY_MISSING, message, null, cause);
  }
}
