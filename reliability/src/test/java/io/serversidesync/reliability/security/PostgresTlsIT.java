package io.serversidesync.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.reliability.testing.Certificates;
import io.serversidesync.reliability.testing.ContactsSync;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to Postgres with {@code sslMode: verify-full}: the disposable cluster serves a certificate
 * for {@code localhost} signed by a CA generated here; the runner, given that CA in its Secret,
 * streams over TLS (every connection of it, the walsender's included, is encrypted), and refuses a
 * server whose name the certificate does not carry or whose certificate another CA signed.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class PostgresTlsIT {

  @TempDir static Path certs;
  private static Sandbox sandbox;

  @TempDir Path dir;

  @BeforeAll
  static void serveTls(PostgresCluster cluster) throws IOException {
    Certificates.ca(certs, "test-ca");
    Certificates.ca(certs, "other-ca");
    Certificates.server(certs, "test-ca", "server", "DNS:localhost");
    for (String file : new String[] {"server.crt", "server.key"}) {
      Path target = cluster.dataDir().resolve("sss-test-" + file);
      Files.copy(certs.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
      if ("root".equals(System.getProperty("user.name"))) {
        // the server runs as postgres and refuses a key it cannot own
        UserPrincipalLookupService users = target.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(target, users.lookupPrincipalByName("postgres"));
      }
    }
    cluster.execute(
        "postgres",
        "ALTER SYSTEM SET ssl_cert_file = 'sss-test-server.crt'",
        "ALTER SYSTEM SET ssl_key_file = 'sss-test-server.key'",
        "ALTER SYSTEM SET ssl = on",
        "SELECT pg_reload_conf()");
    sandbox = Sandbox.start(SandboxConfig.builder().build());
  }

  @AfterAll
  static void stopTls(PostgresCluster cluster) {
    sandbox.close();
    cluster.execute(
        "postgres",
        "ALTER SYSTEM RESET ssl",
        "ALTER SYSTEM RESET ssl_cert_file",
        "ALTER SYSTEM RESET ssl_key_file",
        "SELECT pg_reload_conf()");
  }

  private Path config(PostgresDatabase db, String sync, String table, String host) {
    SyncManifest m =
        ContactsSync.manifest(sync, db, table, sandbox.baseUrl()).ssl(SslMode.VERIFY_FULL, true);
    m.postgres(host, db.port(), db.name());
    return m.write(dir.resolve(sync + ".yaml"));
  }

  private Path secrets(PostgresDatabase db, String ca) throws IOException {
    return new SecretsFile()
        .put(SyncManifest.DB_SECRET, "username", db.user())
        .put(SyncManifest.DB_SECRET, "password", db.password())
        .put(SyncManifest.DB_SECRET, "ca.crt", Files.readString(certs.resolve(ca + ".crt")))
        .put(SyncManifest.OAUTH_SECRET, "clientId", SandboxConfig.DEFAULT_CLIENT_ID)
        .put(SyncManifest.OAUTH_SECRET, "clientSecret", SandboxConfig.DEFAULT_CLIENT_SECRET)
        .write(dir.resolve("secrets.yaml"));
  }

  @Test
  void verifyFullWithTheGeneratedCaStreamsOverTls(PostgresDatabase db) throws Exception {
    db.execute(ContactsSync.ddl("tls_ok"), ContactsSync.insert("tls_ok", "tls", 1, 20));
    Path config = config(db, "tls-ok", "tls_ok", "localhost");
    try (RunnerProcess runner =
        RunnerProcess.start(
            RunnerCommand.run(config, secrets(db, "test-ca"), dir.resolve("runner.log"))
                .withStopGrace(Duration.ZERO))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> runner.probe().ready() || !runner.isAlive());
      assertThat(runner.isAlive()).as(runner.output()).isTrue();
      db.execute(ContactsSync.insert("tls_ok", "tls", 21, 30));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(ContactsSync.records(sandbox, "tls"))
                      .isEqualTo(ContactsSync.rows(db, "tls_ok")));
      Map<String, Object> connections =
          db.query(
                  "SELECT count(*) AS total, count(*) FILTER (WHERE s.ssl) AS encrypted,"
                      + " count(*) FILTER (WHERE a.backend_type = 'walsender' AND s.ssl)"
                      + " AS walsenders FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
                      + " WHERE a.application_name = 'serversidesync-tls-ok'")
              .get(0);
      assertThat((Long) connections.get("total")).isPositive();
      assertThat(connections.get("encrypted")).isEqualTo(connections.get("total"));
      assertThat(connections.get("walsenders")).isEqualTo(1L);
      assertThat(runner.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  @Test
  void verifyFullRefusesAServerWhoseNameTheCertificateDoesNotCarry(PostgresDatabase db)
      throws Exception {
    db.execute(ContactsSync.ddl("tls_name"));
    // the certificate is for localhost, not for 127.0.0.1
    Path config = config(db, "tls-name", "tls_name", "127.0.0.1");
    assertRefused(db, config, secrets(db, "test-ca"), "tls_name", "hostname");
  }

  @Test
  void verifyFullRefusesACertificateAnotherCaSigned(PostgresDatabase db) throws Exception {
    db.execute(ContactsSync.ddl("tls_ca"));
    Path config = config(db, "tls-ca", "tls_ca", "localhost");
    assertRefused(db, config, secrets(db, "other-ca"), "tls_ca", "certification path");
  }

  /**
   * Without a CA of its own, verify-full checks the certificate against the JVM's trust store (the
   * public CAs), which does not hold the test's CA: refused, naming the setting that gives the CA,
   * and not an attempt to read ~/.postgresql/root.crt, which a pod never has.
   */
  @Test
  void verifyFullWithoutACaChecksAgainstTheJvmTrustStoreAndNamesTheCaSetting(PostgresDatabase db)
      throws Exception {
    db.execute(ContactsSync.ddl("tls_jvm"));
    SyncManifest m =
        ContactsSync.manifest("tls-jvm", db, "tls_jvm", sandbox.baseUrl())
            .ssl(SslMode.VERIFY_FULL, false);
    m.postgres("localhost", db.port(), db.name());
    Path config = m.write(dir.resolve("tls-jvm.yaml"));
    assertRefused(db, config, secrets(db, "test-ca"), "tls_jvm", "certification path");
  }

  private void assertRefused(
      PostgresDatabase db, Path config, Path secrets, String table, String expected)
      throws Exception {
    try (RunnerProcess runner =
        RunnerProcess.start(
            RunnerCommand.run(config, secrets, dir.resolve(table + ".log"))
                .withStopGrace(Duration.ZERO))) {
      AtomicReference<JsonNode> status = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                runner.probe().status().ifPresent(status::set);
                return status.get() != null
                    && status.get().path("reason").asText().equals("SourceTlsFailed");
              });
      assertThat(status.get().path("ready").asBoolean()).isFalse();
      assertThat(status.get().path("message").asText())
          .containsIgnoringCase(expected)
          .contains("spec.source.postgres.sslRootCertSecretRef")
          .doesNotContain("root.crt");
      assertThat(runner.isAlive()).isTrue();
      assertThat(
              db.queryLong(
                  "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sss_"
                      + table
                      + "'"))
          .isZero();
    }
  }
}
