package io.serversidesync.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.runner.StatusProbe;
import io.serversidesync.harness.salesforce.SalesforceRest;
import io.serversidesync.operator.testing.RepoFiles;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's dashboard and alerts against what a runner really exports: a two-way runner (the
 * shaded jar, through the harness) syncs a disposable Postgres table to the sandbox, a real
 * Prometheus scrapes it and loads the rules file, and every PromQL expression of the dashboard and
 * of the alerts (read from the files, so a renamed metric fails here) returns data.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class MonitoringIT {

  private static final String NAMESPACE = "monitoring-it";
  private static final String SYNC = "monitored";

  /** Grafana's $__rate_interval for a 1 s scrape interval is at least 4 scrapes. */
  private static final String RATE_WINDOW = "10s";

  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

  @TempDir Path dir;

  @Test
  void everyDashboardAndAlertExpressionReturnsData(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE public.contacts (customer_ref text PRIMARY KEY, last_name text,"
            + " email text, sf_id text)",
        insert(1, 200));
    try (Sandbox sandbox = Sandbox.start(SandboxConfig.builder().port(0).build())) {
      SyncManifest manifest = manifest(db, sandbox);
      RunnerCommand command =
          RunnerCommand.run(
                  manifest.write(dir.resolve("sync.yaml")), secrets(db), dir.resolve("runner.log"))
              // a small young generation: GC pauses (the JVM row) happen within the test
              .withJvmOptions(List.of("-Xmx128m", "-Xmn8m", "-XX:+UseSerialGC"))
              .withStopGrace(Duration.ZERO);
      try (RunnerProcess runner = RunnerProcess.start(command)) {
        runner.awaitStatusPort(Duration.ofSeconds(60));
        StatusProbe probe = runner.probe();
        try (PrometheusServer prometheus =
            PrometheusServer.start(
                dir,
                "127.0.0.1:" + probe.port(),
                NAMESPACE,
                List.of(RepoFiles.path(MonitoringFiles.RULES)))) {
          await().atMost(Duration.ofSeconds(30)).until(prometheus::ready);
          await().atMost(Duration.ofSeconds(60)).until(probe::ready);
          drive(db, sandbox, manifest, probe);
          awaitEveryExpression(prometheus);
          awaitRulesHealthy(prometheus);
        }
        assertThat(runner.terminate(Duration.ofSeconds(30))).as(runner.output()).isZero();
      }
    }
  }

  /**
   * Streaming changes (lag, commit to acknowledgement, flushes), a record the destination refuses
   * (errors by code) and an edit in the destination (the reverse direction's reads and applies).
   */
  private static void drive(
      PostgresDatabase db, Sandbox sandbox, SyncManifest manifest, StatusProbe probe) {
    db.execute(
        insert(201, 260),
        "UPDATE public.contacts SET last_name = 'Changed' WHERE customer_ref <= 'k105'",
        "INSERT INTO public.contacts VALUES ('bad1', 'Bad', 'not-an-email', NULL)");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> probe.metric("serversidesync_records_written_total").orElse(0.0) >= 260);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> probe.body("/metrics").orElse("").contains("INVALID_EMAIL_ADDRESS"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                db.queryLong(
                        "SELECT count(*) FROM public.contacts WHERE customer_ref = 'k7'"
                            + " AND sf_id IS NOT NULL")
                    == 1);
    String id =
        (String)
            db.query("SELECT sf_id FROM public.contacts WHERE customer_ref = 'k7'")
                .get(0)
                .get("sf_id");
    SalesforceRest salesforce =
        SalesforceRest.clientCredentials(
            sandbox.baseUrl(),
            manifest.resource().getSpec().getDestination().getSalesforce().getApiVersion(),
            SandboxConfig.DEFAULT_CLIENT_ID,
            SandboxConfig.DEFAULT_CLIENT_SECRET);
    salesforce.update("Contact", id, Map.of("LastName", "EditedInSalesforce"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> probe.metric("serversidesync_reverse_rows_applied_total").orElse(0.0) >= 1);
  }

  /** Every query at once, until each returns at least one series; the message lists the empty. */
  private static void awaitEveryExpression(PrometheusServer prometheus) {
    Map<String, String> queries = queries();
    assertThat(queries).hasSizeGreaterThan(30);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              List<String> empty = new ArrayList<>();
              for (Map.Entry<String, String> query : queries.entrySet()) {
                if (prometheus.query(query.getValue()).isEmpty()) {
                  empty.add(query.getKey() + ": " + query.getValue());
                }
              }
              assertThat(empty).as("queries without data").isEmpty();
            });
  }

  /** Prometheus evaluated every alert of the rules file without an error. */
  private static void awaitRulesHealthy(PrometheusServer prometheus) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, String> health = new LinkedHashMap<>();
              for (JsonNode group : prometheus.rules()) {
                for (JsonNode rule : group.path("rules")) {
                  health.put(
                      rule.path("name").asText(),
                      (rule.path("health").asText() + " " + rule.path("lastError").asText())
                          .strip());
                }
              }
              assertThat(health)
                  .as("rule health")
                  .containsOnlyKeys(MonitoringFiles.alerts().keySet());
              assertThat(health.values()).as("rule health: %s", health).containsOnly("ok");
            });
  }

  /**
   * The dashboard's panel queries and template variables as Grafana sends them, and each alert's
   * expression without its threshold comparison.
   */
  static Map<String, String> queries() {
    Map<String, String> queries = new LinkedHashMap<>();
    MonitoringFiles.dashboardQueries()
        .forEach(
            (panel, expr) ->
                queries.put("panel " + panel, MonitoringFiles.resolved(expr, RATE_WINDOW)));
    MonitoringFiles.variableQueries()
        .forEach(
            (name, query) -> {
              // label_values(metric, label) lists the label's values of the metric's series
              Matcher m = LABEL_VALUES.matcher(query);
              assertThat(m.matches()).as("variable %s: %s", name, query).isTrue();
              queries.put(
                  "variable " + name,
                  MonitoringFiles.resolved(
                      "count by (" + m.group(2) + ") (" + m.group(1) + ")", RATE_WINDOW));
            });
    MonitoringFiles.alerts()
        .forEach(
            (name, rule) ->
                queries.put("alert " + name, MonitoringFiles.measured(rule.path("expr").asText())));
    return queries;
  }

  private static String insert(int from, int to) {
    return "INSERT INTO public.contacts SELECT 'k' || i, 'Last' || i, 'p' || i || '@example.com',"
        + " NULL FROM generate_series("
        + from
        + ", "
        + to
        + ") i";
  }

  private static SyncManifest manifest(PostgresDatabase db, Sandbox sandbox) {
    return new SyncManifest(SYNC)
        .postgres(db.host(), db.port(), db.name())
        .table("public.contacts", "customer_ref")
        .salesforce(sandbox.baseUrl(), AuthFlow.ClientCredentials, "Contact", "Customer_Ref__c")
        .map("customer_ref", "Customer_Ref__c")
        .map("last_name", "LastName")
        .map("email", "Email")
        .batching(b -> b.setMaxDelay("200ms"))
        .twoWay("1s", "sf_id", ConflictPolicy.SourceWins);
  }

  private Path secrets(PostgresDatabase db) {
    return new SecretsFile()
        .put(SyncManifest.DB_SECRET, "username", db.user())
        .put(SyncManifest.DB_SECRET, "password", db.password())
        .put(SyncManifest.OAUTH_SECRET, "clientId", SandboxConfig.DEFAULT_CLIENT_ID)
        .put(SyncManifest.OAUTH_SECRET, "clientSecret", SandboxConfig.DEFAULT_CLIENT_SECRET)
        .write(dir.resolve("secrets.yaml"));
  }
}
