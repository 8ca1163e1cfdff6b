package io.serversidesync.runner.pg;

import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.runner.config.PostgresSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to the source database: normal ones (catalog, snapshot, errors table) and
 * logical replication ones. Credentials travel in connection properties, never in the URL, so no
 * URL the runner logs or an exception quotes can reveal them.
 */
public final class PostgresConnector {

  private final PostgresSettings settings;
  private final String applicationName;
  private Path rootCertFile;

  public PostgresConnector(PostgresSettings settings, String applicationName) {
    this.settings = settings;
    this.applicationName = applicationName;
  }

  public PostgresSettings settings() {
    return settings;
  }

  /** A normal connection (auto-commit on). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), properties(false));
  }

  /** A logical replication connection to the database (replication=database, simple queries). */
  public Connection connectReplication() throws SQLException {
    return DriverManager.getConnection(url(), properties(true));
  }

  /** The message of a driver exception with the password masked, should a server echo it. */
  public String safeMessage(Throwable e) {
    String message = String.valueOf(e.getMessage());
    String password = settings.password();
    if (password != null && password.length() >= 4) {
      message = message.replace(password, "****");
    }
    return message;
  }

  private String url() {
    return "jdbc:postgresql://"
        + settings.host()
        + ":"
        + settings.port()
        + "/"
        + settings.database();
  }

  private Properties properties(boolean replication) {
    Properties props = new Properties();
    props.setProperty("user", settings.user());
    props.setProperty("password", settings.password());
    props.setProperty("ApplicationName", applicationName);
    props.setProperty("sslmode", settings.sslMode().value());
    props.setProperty("connectTimeout", "10");
    props.setProperty("tcpKeepAlive", "true");
    // The server's DETAIL ("Failing row contains (…)", "Key (email)=(…)") and a failed batch
    // entry's statement with its parameters would carry row values into exception messages, and
    // from there into log lines and the status: keep them out.
    props.setProperty("logServerErrorDetail", "false");
    if (settings.sslRootCertPem() != null) {
      props.setProperty("sslrootcert", rootCertFile().toString());
    } else if (settings.sslMode() == SslMode.VERIFY_CA
        || settings.sslMode() == SslMode.VERIFY_FULL) {
      // Without a CA of its own the driver would look for ~/.postgresql/root.crt, which a pod
      // never has: check the certificate against the JVM's trust store (the public CAs) instead.
      // The driver still checks the host name for verify-full.
      props.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
    }
    if (replication) {
      props.setProperty("replication", "database");
      props.setProperty("assumeMinServerVersion", "10");
      props.setProperty("preferQueryMode", "simple");
    }
    return props;
  }

  private synchronized Path rootCertFile() {
    if (rootCertFile == null) {
      try {
        Path file =
            Files.createTempFile(
                "sss-root-ca",
                ".pem",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, settings.sslRootCertPem());
        file.toFile().deleteOnExit();
        rootCertFile = file;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the CA certificate to a temporary file", e);
      }
    }
    return rootCertFile;
  }
}
