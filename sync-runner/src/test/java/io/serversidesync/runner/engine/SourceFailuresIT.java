package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.runner.RunnerReasons;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.PostgresSettings;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Postgres refusing the runner for a reason only the user can fix is reported as such, with the
 * setting that fixes it, while the runner keeps trying (so the fix takes effect without a restart)
 * and touches nothing.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class SourceFailuresIT {

  @Test
  void aWrongPasswordNamesTheCredentialsSecret(PostgresDatabase db) {
    RunnerStatus status =
        refused(
            db,
            "wrong_password",
            pg ->
                new PostgresSettings(
                    pg.host(),
                    pg.port(),
                    pg.database(),
                    pg.user(),
                    "not-the-password",
                    pg.sslMode(),
                    null));
    assertThat(status.reason()).isEqualTo(RunnerReasons.SOURCE_CREDENTIALS_REJECTED);
    assertThat(status.message())
        .contains("password authentication failed")
        .contains("spec.source.postgres.credentialsSecretRef")
        .doesNotContain("not-the-password");
  }

  @Test
  void aServerWithoutTlsNamesTheSslSettings(PostgresDatabase db) {
    RunnerStatus status =
        refused(
            db,
            "no_tls",
            pg ->
                new PostgresSettings(
                    pg.host(),
                    pg.port(),
                    pg.database(),
                    pg.user(),
                    pg.password(),
                    SslMode.REQUIRE,
                    null));
    assertThat(status.reason()).isEqualTo(RunnerReasons.SOURCE_TLS_FAILED);
    assertThat(status.message())
        .contains("spec.source.postgres.sslRootCertSecretRef")
        .contains("spec.source.postgres.sslMode");
  }

  /** Starts a runner whose connection {@code broken} spoils; returns its status once refused. */
  private static RunnerStatus refused(
      PostgresDatabase db, String table, UnaryOperator<PostgresSettings> broken) {
    db.execute("CREATE TABLE " + table + " (ref text PRIMARY KEY, v text)");
    SyncSettings good = EngineHarness.settings(db, table, table, DeletePolicy.Ignore, "ref", "v");
    try (EngineHarness h =
        new EngineHarness(
                good.withPostgres(broken.apply(good.postgres())),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !"Starting".equals(h.state.snapshot().reason()));
      RunnerStatus status = h.state.snapshot();
      assertThat(status.phase()).isEqualTo(Phase.Pending);
      assertThat(status.ready()).isFalse();
      assertThat(h.running()).as("the runner keeps trying").isTrue();
      assertThat(
              db.queryLong(
                  "SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"))
          .isZero();
      assertThat(db.queryLong("SELECT count(*) FROM pg_publication")).isZero();
      return status;
    }
  }
}
