package io.serversidesync.runner.destination;

import java.time.Instant;

/**
 * A failure of a whole request, not of particular records. The runner confirms nothing past the
 * batch and reacts by kind; messages are written for the user (they reach the resource's
 * conditions) and never contain secrets.
 */
public class DestinationException extends Exception {

  /** How the runner should react. */
  public enum Kind {
    /** Network error, timeout, 5xx: retry the same batch with backoff. */
    TRANSIENT,
    /** Rate limit or daily quota spent: wait until {@link #retryAt()}, phase Throttled. */
    THROTTLED,
    /** Credentials rejected even after a fresh token: wait for the user to fix the Secret. */
    CREDENTIALS,
    /** The configuration does not fit the destination (unknown object or field): stop. */
    CONFIGURATION
  }

  private final Kind kind;
  private final String reason;
  private final transient Instant retryAt;

  /**
   * @param kind how to react
   * @param reason one CamelCase word for conditions, e.g. CredentialsRejected
   * @param message what happened and what to do
   * @param retryAt for THROTTLED (and optionally TRANSIENT): earliest time to try again
   * @param cause the underlying error, or null
   */
  public DestinationException(
      Kind kind, String reason, String message, Instant retryAt, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.reason = reason;
    this.retryAt = retryAt;
  }

  public DestinationException(Kind kind, String reason, String message) {
    this(kind, reason, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  public String reason() {
    return reason;
  }

  /** Earliest time to try again, or null when the runner chooses (backoff). */
  public Instant retryAt() {
    return retryAt;
  }
}
