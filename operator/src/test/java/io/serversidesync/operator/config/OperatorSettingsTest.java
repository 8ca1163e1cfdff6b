package io.serversidesync.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void defaultsNeedOnlyTheRunnerImageAndTheNamespace() {
    OperatorSettings s =
        OperatorSettings.fromEnvironment(Map.of("SSS_RUNNER_IMAGE", "r:1", "POD_NAMESPACE", "ops"));
    assertThat(s.watchesAllNamespaces()).isTrue();
    assertThat(s.leaderElection()).isTrue();
    assertThat(s.leaseNamespace()).isEqualTo("ops");
    assertThat(s.statusPollInterval()).hasSeconds(15);
    assertThat(s.metricsPort()).isEqualTo(8080);
  }

  @Test
  void readsTheWatchedNamespaces() {
    OperatorSettings s =
        OperatorSettings.fromEnvironment(
            Map.of(
                "SSS_RUNNER_IMAGE",
                "r:1",
                "SSS_LEADER_ELECTION",
                "false",
                "SSS_WATCH_NAMESPACES",
                " a, b ,"));
    assertThat(s.watchNamespaces()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void listsEveryWrongVariableAtOnce() {
    assertThatThrownBy(
            () ->
                OperatorSettings.fromEnvironment(
                    Map.of(
                        "SSS_STATUS_POLL_INTERVAL",
                        "soon",
                        "SSS_METRICS_PORT",
                        "http",
                        "SSS_LEADER_ELECTION",
                        "yes",
                        "SSS_LOG_FORMAT",
                        "JSON")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("SSS_RUNNER_IMAGE: required")
        .hasMessageContaining("SSS_STATUS_POLL_INTERVAL")
        .hasMessageContaining("SSS_METRICS_PORT")
        .hasMessageContaining("SSS_LEADER_ELECTION: \"yes\"")
        .hasMessageContaining("SSS_LOG_FORMAT: \"JSON\"; allowed: logfmt, json");
  }

  @Test
  void runnerPodDefaultsAreReadFromJsonAndCheckedLikeASyncsOwn() {
    OperatorSettings settings =
        OperatorSettings.fromEnvironment(
            Map.of(
                "SSS_RUNNER_IMAGE",
                "img",
                "POD_NAMESPACE",
                "ops",
                "SSS_RUNNER_POD_TEMPLATE",
                "{\"nodeSelector\":{\"pool\":\"sync\"},\"env\":[{\"name\":\"HTTPS_PROXY\","
                    + "\"value\":\"http://proxy:3128\"}]}"));
    assertThat(settings.runnerPodDefaults().getNodeSelector()).containsEntry("pool", "sync");
    assertThat(settings.runnerPodDefaults().getEnv().get(0).getValue())
        .isEqualTo("http://proxy:3128");

    for (Map.Entry<String, String> wrong :
        Map.of(
                "{\"nodeSelecter\":{}}",
                "SSS_RUNNER_POD_TEMPLATE: not a pod template (Unrecognized field \"nodeSelecter\"",
                "{\"labels\":{\"app.kubernetes.io/managed-by\":\"x\"}}",
                "SSS_RUNNER_POD_TEMPLATE.labels[app.kubernetes.io/managed-by]: set by the operator",
                "nodeSelector: {pool: sync}",
                "SSS_RUNNER_POD_TEMPLATE: not a pod template")
            .entrySet()) {
      assertThatThrownBy(
              () ->
                  OperatorSettings.fromEnvironment(
                      Map.of(
                          "SSS_RUNNER_IMAGE",
                          "img",
                          "POD_NAMESPACE",
                          "ops",
                          "SSS_RUNNER_POD_TEMPLATE",
                          wrong.getKey())))
          .as(wrong.getKey())
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessageContaining(wrong.getValue());
    }
  }
}
