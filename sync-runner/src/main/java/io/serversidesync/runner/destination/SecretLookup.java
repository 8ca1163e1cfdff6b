package io.serversidesync.runner.destination;

/**
 * Reads one key of a Secret named in the manifest. In a pod the runner reads the mounted Secret
 * files; in local mode the Secret manifests given with --secrets.
 */
@FunctionalInterface
public interface SecretLookup {

  /**
   * Returns the value of {@code key} in Secret {@code name}.
   *
   * @throws MissingSecretException naming the Secret and key (never the value) when absent
   */
  String get(String name, String key) throws MissingSecretException;

  /** A Secret or key the manifest refers to does not exist. */
  class MissingSecretException extends Exception {
    public MissingSecretException(String message) {
      super(message);
    }
  }

  /** The Secret itself does not exist (the message lists the ones that do). */
  class SecretNotFoundException extends MissingSecretException {
    public SecretNotFoundException(String message) {
      super(message);
    }
  }
}
