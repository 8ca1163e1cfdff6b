package io.serversidesync.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.serversidesync.operator.monitoring.MonitoringFiles;
import io.serversidesync.operator.monitoring.Promtool;
import io.serversidesync.operator.testing.RepoFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's alert rules (files/alerts.rules.yaml) pass {@code promtool check rules}, and its unit
 * tests (monitoring/alerts.test.yaml) pass {@code promtool test rules}, with every alert seen both
 * firing and not firing, its summary naming the sync.
 */
@Tag("integration")
class AlertRulesIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  @Test
  void rulesPassPromtoolCheck() throws Exception {
    Promtool.Result check = Promtool.run(RepoFiles.root(), "check", "rules", MonitoringFiles.RULES);
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: " + MonitoringFiles.alerts().size() + " rules");
  }

  @Test
  void everyAlertsUnitTestsPassInPromtool() throws Exception {
    Path tests = copyTestsNextToTheRules();
    Promtool.Result result = Promtool.run(dir, "test", "rules", tests.getFileName().toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertIsTestedFiringAndNotFiring() throws Exception {
    JsonNode tests = YAML.readTree(testsText());
    Set<String> firing = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        String alert = check.path("alertname").asText();
        (check.path("exp_alerts").isEmpty() ? quiet : firing).add(alert);
      }
    }
    Set<String> alerts = MonitoringFiles.alerts().keySet();
    assertThat(firing).as("alerts with a test where they fire").containsAll(alerts);
    assertThat(quiet).as("alerts with a test where they do not fire").containsAll(alerts);
  }

  @Test
  void everyAlertNamesTheSyncAndSaysWhatToCheckFirst() {
    Map<String, JsonNode> alerts = MonitoringFiles.alerts();
    assertThat(alerts)
        .containsOnlyKeys(
            "ServerSideSyncNotReady",
            "ServerSideSyncLagHigh",
            "ServerSideSyncSlotRetainingWal",
            "ServerSideSyncRecordErrors",
            "ServerSideSyncQuotaShareNearlySpent",
            "ServerSideSyncRunnerRestarting");
    Set<String> descriptions = new HashSet<>();
    alerts.forEach(
        (name, rule) -> {
          assertThat(rule.at("/annotations/summary").asText())
              .as(name)
              .contains("{{ $labels.namespace }}/{{ $labels.sync }}");
          String description = rule.at("/annotations/description").asText();
          assertThat(description).as(name).contains("Check first");
          descriptions.add(description);
          // the chart replaces the threshold, the number an expression ends with
          assertThat(MonitoringFiles.measured(rule.path("expr").asText())).as(name).isNotBlank();
          assertThat(rule.at("/labels/severity").asText()).as(name).isNotBlank();
        });
    assertThat(descriptions).hasSameSizeAs(alerts.keySet());
  }

  /** The unit tests name the rules file by its bare name, so it goes next to them. */
  private Path copyTestsNextToTheRules() throws Exception {
    Files.copy(RepoFiles.path(MonitoringFiles.RULES), dir.resolve("alerts.rules.yaml"));
    Path tests = dir.resolve("alerts.test.yaml");
    Files.writeString(tests, testsText());
    return tests;
  }

  private static String testsText() throws Exception {
    try (InputStream in = AlertRulesIT.class.getResourceAsStream("/monitoring/alerts.test.yaml")) {
      assertThat(in).as("monitoring/alerts.test.yaml on the test class path").isNotNull();
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
