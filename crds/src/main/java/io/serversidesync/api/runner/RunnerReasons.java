package io.serversidesync.api.runner;

import java.util.Set;

/**
 * The reasons a runner reports on {@code /status} that the operator treats specially: both sides
 * read them from here, so a new reason cannot be added to one and forgotten by the other.
 */
public final class RunnerReasons {

  private RunnerReasons() {}

  /** The destination refused the credentials in the Secret. */
  public static final String CREDENTIALS_REJECTED = "CredentialsRejected";

  /** A Secret, or a key of it, that the sync needs does not exist. */
  public static final String SECRET_KEY_MISSING = "SecretKeyMissing";

  /** Postgres refused the login: wrong password, unknown user, or no pg_hba.conf entry. */
  public static final String SOURCE_CREDENTIALS_REJECTED = "SourceCredentialsRejected";

  /** The TLS connection to Postgres failed: no TLS on the server, or an untrusted certificate. */
  public static final String SOURCE_TLS_FAILED = "SourceTlsFailed";

  /** A database grant is missing. */
  public static final String INSUFFICIENT_PRIVILEGE = "InsufficientPrivilege";

  /** A mapped column was renamed or dropped while streaming. */
  public static final String MAPPING_BROKEN = "MappingBroken";

  /**
   * Most records of the last minutes failed in the destination (e.g. a text column mapped to a date
   * field): the stream runs, but nothing useful arrives.
   */
  public static final String RECORD_ERROR_RATE = "RecordErrorRate";

  /** Postgres cannot be reached (network, restart): the runner retries on its own. */
  public static final String SOURCE_UNAVAILABLE = "SourceUnavailable";

  /**
   * Reasons of a runner that is not ready because of something only the user can change: the
   * operator reports them as Stalled, so GitOps tools show a failure rather than progress.
   */
  public static final Set<String> NEEDS_THE_USER =
      Set.of(
          CREDENTIALS_REJECTED,
          SOURCE_CREDENTIALS_REJECTED,
          SOURCE_TLS_FAILED,
          INSUFFICIENT_PRIVILEGE,
          MAPPING_BROKEN,
          RECORD_ERROR_RATE);
}
