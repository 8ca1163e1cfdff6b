package io.serversidesync.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.operator.monitoring.MonitoringFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * helm template renders the Grafana dashboard ConfigMap and the PrometheusRule when their values
 * are on, from the chart's files unchanged, with per-alert overrides of `for` and threshold.
 */
@Tag("integration")
class MonitoringChartIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void neitherIsRenderedByDefault() {
    RenderedChart chart = RenderedChart.render("serviceMonitor.enabled=true");
    assertThat(chart.ofKind("PrometheusRule")).isEmpty();
    assertThat(chart.ofKind("ConfigMap")).isEmpty();
  }

  @Test
  void theDashboardIsAConfigMapGrafanasSidecarLoads() throws Exception {
    RenderedChart chart =
        RenderedChart.render(
            "grafana.dashboard.enabled=true",
            "grafana.dashboard.folder=Syncs",
            "grafana.dashboard.labels.team=data");
    JsonNode map = chart.named("ConfigMap", "sss-serversidesync-operator-dashboard");
    assertThat(map.at("/metadata/namespace").asText()).isEqualTo("ops");
    assertThat(map.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(map.at("/metadata/labels/team").asText()).isEqualTo("data");
    assertThat(map.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Syncs");
    JsonNode dashboard = JSON.readTree(map.at("/data/serversidesync.json").asText());
    assertThat(dashboard).isEqualTo(MonitoringFiles.dashboard());
    List<String> variables = new ArrayList<>();
    dashboard.at("/templating/list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(variables).contains("namespace", "sync");
    List<String> rows = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(
            p -> {
              if ("row".equals(p.path("type").asText())) {
                rows.add(p.path("title").asText());
              }
            });
    assertThat(rows)
        .contains(
            "Lag",
            "Changes captured vs records written",
            "API calls used and saved",
            "Daily quota used vs share",
            "Throttled",
            "Record errors",
            "Snapshot",
            "Reverse direction (two-way)",
            "Runner JVM");
  }

  @Test
  void thePrometheusRuleHoldsTheRulesFile() {
    RenderedChart chart =
        RenderedChart.render("prometheusRule.enabled=true", "prometheusRule.labels.release=kps");
    JsonNode rule = chart.single("PrometheusRule");
    assertThat(rule.at("/metadata/namespace").asText()).isEqualTo("ops");
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("kps");
    assertThat(rule.path("spec")).isEqualTo(MonitoringFiles.rules());
  }

  @Test
  void anAlertsForAndThresholdCanBeChanged() {
    RenderedChart chart =
        RenderedChart.render(
            "prometheusRule.enabled=true",
            "prometheusRule.alerts.ServerSideSyncLagHigh.for=20m",
            "prometheusRule.alerts.ServerSideSyncLagHigh.threshold=900",
            "prometheusRule.alerts.ServerSideSyncQuotaShareNearlySpent.threshold=0.75");
    JsonNode lag = alert(chart, "ServerSideSyncLagHigh");
    assertThat(lag.path("for").asText()).isEqualTo("20m");
    assertThat(lag.path("expr").asText())
        .isEqualTo("max by (namespace, sync) (serversidesync_lag_seconds) > 900");
    assertThat(alert(chart, "ServerSideSyncQuotaShareNearlySpent").path("expr").asText())
        .endsWith("> 0.75")
        .contains("serversidesync_destination_quota_share");
    // the others keep the file's values
    assertThat(alert(chart, "ServerSideSyncSlotRetainingWal"))
        .isEqualTo(MonitoringFiles.alerts().get("ServerSideSyncSlotRetainingWal"));
  }

  @Test
  void anUnknownAlertOrANonNumericThresholdIsRefused() {
    assertThat(
            io.serversidesync.operator.testing.Tools.helm(
                    "template",
                    "sss",
                    "charts/serversidesync-operator",
                    "--set",
                    "prometheusRule.alerts.ServerSideSyncLagTooHigh.threshold=1")
                .exitCode())
        .isNotZero();
    assertThat(
            io.serversidesync.operator.testing.Tools.helm(
                    "template",
                    "sss",
                    "charts/serversidesync-operator",
                    "--set",
                    "prometheusRule.alerts.ServerSideSyncLagHigh.threshold=5m")
                .exitCode())
        .isNotZero();
  }

  private static JsonNode alert(RenderedChart chart, String name) {
    for (JsonNode group : chart.single("PrometheusRule").at("/spec/groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (name.equals(rule.path("alert").asText())) {
          return rule;
        }
      }
    }
    throw new AssertionError("no alert " + name);
  }
}
