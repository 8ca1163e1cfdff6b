package io.serversidesync.runner.pg;

import io.serversidesync.api.runner.RunnerReasons;
import io.serversidesync.runner.config.PostgresSettings;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import javax.net.ssl.SSLException;

/**
 * Why Postgres refused or dropped the runner, as the status reports it: a refused login or a failed
 * TLS handshake needs the user (the operator shows Stalled), a missing grant needs a DBA, and
 * anything else is an outage the runner rides out by retrying.
 *
 * @param reason the status reason, from {@link RunnerReasons}
 * @param message what happened and, when the user must act, which setting fixes it
 */
public record SourceFailure(String reason, String message) {

  /**
   * @param what what the runner was doing, e.g. "cannot prepare the source database"
   * @param e the driver's exception
   */
  public static SourceFailure of(String what, SQLException e, PostgresConnector connector) {
    PostgresSettings pg = connector.settings();
    String detail = what + " " + pg.describe() + ": " + connector.safeMessage(e);
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("28P01") || state.equals("28000")) {
      return new SourceFailure(
          RunnerReasons.SOURCE_CREDENTIALS_REJECTED,
          detail
              + ". Postgres refused the login of user "
              + pg.user()
              + ": fix the username or password in the Secret named by"
              + " spec.source.postgres.credentialsSecretRef, or ask the DBA for a pg_hba.conf"
              + " entry that admits this user from the runner's address");
    }
    if (tlsFailure(e)) {
      return new SourceFailure(
          RunnerReasons.SOURCE_TLS_FAILED,
          detail
              + ". The TLS connection (sslMode "
              + pg.sslMode().value()
              + ") failed: give the CA that signed the server's certificate in"
              + " spec.source.postgres.sslRootCertSecretRef, connect by a host name the"
              + " certificate carries (spec.source.postgres.host), or choose another"
              + " spec.source.postgres.sslMode if the server offers no TLS");
    }
    if (state.equals("42501")) {
      return new SourceFailure(RunnerReasons.INSUFFICIENT_PRIVILEGE, detail);
    }
    return new SourceFailure(RunnerReasons.SOURCE_UNAVAILABLE, detail);
  }

  /** Whether the user must change something before a retry can succeed. */
  public boolean needsTheUser() {
    return RunnerReasons.NEEDS_THE_USER.contains(reason);
  }

  /**
   * The driver reports a failed handshake as a connection failure: the TLS cause, its own "does not
   * support SSL" answer, a host name the certificate does not carry, or a CA file it could not open
   * (with sslrootcert unset it looks for ~/.postgresql/root.crt) tells it from an outage.
   */
  private static boolean tlsFailure(SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("does not support SSL")
        || message.contains("SSL root certificate")
        || message.contains("could not be verified by hostnameverifier")) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof GeneralSecurityException) {
        return true;
      }
    }
    return false;
  }
}
