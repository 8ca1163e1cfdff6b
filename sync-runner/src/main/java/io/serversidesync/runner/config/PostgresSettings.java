package io.serversidesync.runner.config;

import io.serversidesync.api.v1alpha1.SslMode;

/**
 * How to reach the source database, with the credentials resolved from the Secret.
 *
 * @param host server host
 * @param port server port
 * @param database database name
 * @param user role name
 * @param password role password (never printed: see {@link #toString()})
 * @param sslMode libpq sslmode
 * @param sslRootCertPem PEM CA certificate for verify-ca/verify-full, or null
 */
public record PostgresSettings(
    String host,
    int port,
    String database,
    String user,
    String password,
    SslMode sslMode,
    String sslRootCertPem) {

  /** host:port/database as shown in logs (no credentials). */
  public String describe() {
    return host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PostgresSettings[" + describe() + ", user=" + user + ", sslMode=" + sslMode + "]";
  }
}
