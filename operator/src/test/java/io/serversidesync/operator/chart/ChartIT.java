package io.serversidesync.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.serversidesync.operator.ServerSideSyncOperator;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.rbac.OperatorPermissions;
import io.serversidesync.operator.rbac.Permission;
import io.serversidesync.operator.status.RunnerObservation;
import io.serversidesync.operator.testing.RepoFiles;
import io.serversidesync.operator.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart: it lints, renders, kubectl accepts it and the examples, its RBAC is exactly what
 * the operator's code asks for, and the environment it gives the operator is valid.
 */
@Tag("integration")
class ChartIT {

  @Test
  void lintsStrictly() {
    Tools.Result lint = Tools.helm("lint", "--strict", "charts/serversidesync-operator");
    assertThat(lint.exitCode()).as(lint.stdout() + lint.stderr()).isZero();
  }

  @Test
  void clusterRoleGrantsExactlyWhatTheOperatorUses() {
    RenderedChart chart = RenderedChart.render();
    OperatorPermissions expected = permissionsOf(chart);

    assertThat(RenderedChart.permissions(chart.named("ClusterRole", "sss-serversidesync-operator")))
        .isEqualTo(expected.watched());
    JsonNode leaderRole = chart.single("Role");
    assertThat(leaderRole.at("/metadata/namespace").asText()).isEqualTo("ops");
    assertThat(RenderedChart.permissions(leaderRole)).isEqualTo(expected.ownNamespace());
    assertThat(chart.single("ClusterRoleBinding").at("/subjects/0/name").asText())
        .isEqualTo(chart.single("ServiceAccount").at("/metadata/name").asText());
  }

  @Test
  void noRuleGrantsAWildcard() {
    for (RenderedChart chart :
        List.of(
            RenderedChart.render(),
            RenderedChart.render(
                "watchNamespaces={team-a,team-b}", "leaderElection.enabled=false"))) {
      List<JsonNode> roles = new ArrayList<>(chart.ofKind("ClusterRole"));
      roles.addAll(chart.ofKind("Role"));
      assertThat(roles).isNotEmpty();
      for (JsonNode role : roles) {
        for (JsonNode rule : role.path("rules")) {
          for (String field :
              List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
            rule.path(field)
                .forEach(
                    v ->
                        assertThat(v.asText())
                            .as("%s of %s", field, role.at("/metadata/name").asText())
                            .doesNotContain("*"));
          }
          assertThat(rule.has("nonResourceURLs")).isFalse();
        }
      }
    }
  }

  @Test
  void watchedNamespacesGetRolesInsteadOfAClusterRole() {
    RenderedChart chart =
        RenderedChart.render("watchNamespaces={team-a,team-b}", "leaderElection.enabled=false");
    OperatorPermissions expected = permissionsOf(chart);

    // only the aggregated view/edit roles for users are cluster-wide; the operator has none
    assertThat(chart.ofKind("ClusterRoleBinding")).isEmpty();
    assertThat(chart.ofKind("ClusterRole"))
        .allSatisfy(
            r ->
                assertThat(r.at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-edit"))
                    .isNotNull());
    assertThat(chart.ofKind("Role"))
        .extracting(r -> r.at("/metadata/namespace").asText())
        .containsExactlyInAnyOrder("team-a", "team-b");
    for (JsonNode role : chart.ofKind("Role")) {
      assertThat(RenderedChart.permissions(role)).isEqualTo(expected.watched());
    }
    assertThat(expected.ownNamespace()).isEmpty();
    assertThat(settingsOf(chart).watchNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
  }

  @Test
  void operatorPodIsLockedDownAndItsEnvironmentIsValid() {
    RenderedChart chart = RenderedChart.render("runner.image.tag=1.2.3", "statusPollInterval=20s");
    JsonNode pod = chart.single("Deployment").at("/spec/template/spec");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    JsonNode container = pod.at("/containers/0");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");

    OperatorSettings settings = settingsOf(chart);
    assertThat(settings.runnerImage()).isEqualTo("ghcr.io/serversidesync/sync-runner:1.2.3");
    assertThat(settings.statusPollInterval()).hasSeconds(20);
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseNamespace()).isEqualTo("ops");
    assertThat(settings.watchesAllNamespaces()).isTrue();
    assertThat(settings.reconcileThreads())
        .as("values.yaml's reconcileThreads is the operator's default")
        .isEqualTo(
            Integer.parseInt(OperatorSettings.Variable.SSS_RECONCILE_THREADS.defaultValue()));
    // Every variable the operator reads is set by the chart (POD_NAMESPACE from the pod).
    Set<String> names = new java.util.TreeSet<>();
    container.path("env").forEach(e -> names.add(e.path("name").asText()));
    for (OperatorSettings.Variable v : OperatorSettings.Variable.values()) {
      if (v != OperatorSettings.Variable.SSS_LEASE_NAMESPACE) {
        assertThat(names).contains(v.name());
      }
    }
  }

  /** runner.pod reaches the operator as its default placement of every runner pod. */
  @Test
  void runnerPodValuesBecomeTheOperatorsPlacementDefaults() throws Exception {
    assertThat(settingsOf(RenderedChart.render()).runnerPodDefaults())
        .as("nothing set: an empty template")
        .isEqualTo(new io.serversidesync.api.v1alpha1.RunnerPodTemplate());
    OperatorSettings settings =
        settingsOf(
            RenderedChart.render(
                "runner.pod.nodeSelector.pool=sync",
                "runner.pod.priorityClassName=sync-high",
                "runner.pod.imagePullSecrets[0].name=registry-creds",
                "runner.pod.env[0].name=HTTPS_PROXY",
                "runner.pod.env[0].value=http://proxy.corp:3128",
                "runner.pod.tolerations[0].key=dedicated",
                "runner.pod.tolerations[0].operator=Exists"));
    var pod = settings.runnerPodDefaults();
    assertThat(pod.getNodeSelector()).containsEntry("pool", "sync");
    assertThat(pod.getPriorityClassName()).isEqualTo("sync-high");
    assertThat(pod.getImagePullSecrets().get(0).getName()).isEqualTo("registry-creds");
    assertThat(pod.getEnv().get(0).getValue()).isEqualTo("http://proxy.corp:3128");
    assertThat(pod.getTolerations().get(0).getKey()).isEqualTo("dedicated");
  }

  @Test
  void rejectsSeveralReplicasWithoutLeaderElection() {
    Tools.Result result =
        Tools.helm(
            "template",
            "sss",
            "charts/serversidesync-operator",
            "--set",
            "replicaCount=2",
            "--set",
            "leaderElection.enabled=false");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("needs leaderElection.enabled=true");
  }

  /** values.schema.json: a value of the wrong type or a misspelled key fails the install. */
  @Test
  void valuesOfTheWrongTypeAndUnknownKeysAreRefused() {
    Tools.Result wrongType =
        Tools.helm(
            "template", "sss", "charts/serversidesync-operator", "--set", "replicaCount=two");
    assertThat(wrongType.exitCode()).isNotZero();
    assertThat(wrongType.stderr()).contains("replicaCount").contains("want integer");
    Tools.Result misspelled =
        Tools.helm("template", "sss", "charts/serversidesync-operator", "--set", "replicaCont=2");
    assertThat(misspelled.exitCode()).isNotZero();
    assertThat(misspelled.stderr()).contains("replicaCont").contains("not allowed");
    Tools.Result badLevel =
        Tools.helm("template", "sss", "charts/serversidesync-operator", "--set", "logLevel=LOUD");
    assertThat(badLevel.exitCode()).isNotZero();
  }

  /** A namespace's view, edit and admin roles include syncs, through aggregation. */
  @Test
  void aggregatedRolesLetNamespaceUsersReadAndChangeSyncs() {
    RenderedChart chart = RenderedChart.render();
    JsonNode view = chart.named("ClusterRole", "sss-serversidesync-operator-view");
    JsonNode edit = chart.named("ClusterRole", "sss-serversidesync-operator-edit");
    assertThat(view.at("/metadata/labels").toString())
        .contains("\"rbac.authorization.k8s.io/aggregate-to-view\":\"true\"");
    assertThat(edit.at("/metadata/labels").toString())
        .contains("\"rbac.authorization.k8s.io/aggregate-to-edit\":\"true\"")
        .doesNotContain("aggregate-to-view");
    Set<String> read = Set.of("get", "list", "watch");
    assertThat(RenderedChart.permissions(view))
        .extracting(Permission::resource, Permission::verbs)
        .containsExactlyInAnyOrder(
            tuple("serversidesyncs", read), tuple("serversidesyncs/status", read));
    assertThat(RenderedChart.permissions(edit))
        .extracting(Permission::resource, Permission::verbs)
        .containsExactly(
            tuple(
                "serversidesyncs",
                Set.of("create", "update", "patch", "delete", "deletecollection")));
    assertThat(RenderedChart.render("rbac.aggregatedRoles=false").ofKind("ClusterRole")).hasSize(1);
  }

  @Test
  void optionalDisruptionBudgetAndNetworkPolicySelectTheOperatorsPods() {
    assertThat(RenderedChart.render().ofKind("PodDisruptionBudget")).isEmpty();
    assertThat(RenderedChart.render().ofKind("NetworkPolicy")).isEmpty();
    RenderedChart chart =
        RenderedChart.render(
            "podDisruptionBudget.enabled=true",
            "networkPolicy.enabled=true",
            "networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name=monitoring");
    JsonNode podLabels = chart.single("Deployment").at("/spec/template/metadata/labels");
    JsonNode pdb = chart.single("PodDisruptionBudget");
    assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(podLabels);
    assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    JsonNode policy = chart.single("NetworkPolicy");
    assertThat(policy.at("/spec/podSelector/matchLabels")).isEqualTo(podLabels);
    assertThat(policy.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(policy.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/name").asText())
        .isEqualTo("monitoring");
  }

  @Test
  void kubectlAcceptsTheRenderedChartAndTheExamples() throws Exception {
    Path rendered = Files.createTempFile("chart", ".yaml");
    Files.writeString(
        rendered,
        RepoFiles.read(
                "charts/serversidesync-operator/crds/serversidesyncs.serversidesync.io-v1.yml")
            + "\n---\n"
            + RenderedChart.render(
                    "serviceMonitor.enabled=true",
                    "podDisruptionBudget.enabled=true",
                    "networkPolicy.enabled=true")
                .text);
    try (DiscoveryOnlyApiServer api = new DiscoveryOnlyApiServer()) {
      Map<String, String> env = Map.of("KUBECONFIG", api.kubeconfig().toString());
      for (String file :
          new String[] {
            rendered.toString(),
            "examples/contacts-salesforce-secrets.yaml",
            "examples/contacts-salesforce.yaml"
          }) {
        Tools.Result result =
            Tools.kubectl(env, "apply", "--dry-run=client", "--validate=false", "-f", file);
        assertThat(result.exitCode()).as(file + ": " + result.stderr()).isZero();
        assertThat(result.stdout()).contains("(dry run)");
      }
      // A typo in a kind is caught.
      Path broken = Files.createTempFile("broken", ".yaml");
      Files.writeString(
          broken,
          RepoFiles.read("examples/contacts-salesforce.yaml")
              .replace("kind: ServerSideSync", "kind: ServerSideSink"));
      Tools.Result result =
          Tools.kubectl(
              env, "apply", "--dry-run=client", "--validate=false", "-f", broken.toString());
      assertThat(result.exitCode()).isNotZero();
      Files.delete(broken);
    } finally {
      Files.delete(rendered);
    }
  }

  /** The settings the operator would read from the rendered Deployment's environment. */
  static OperatorSettings settingsOf(RenderedChart chart) {
    JsonNode container = chart.single("Deployment").at("/spec/template/spec/containers/0");
    Map<String, String> env = new HashMap<>();
    for (JsonNode e : container.path("env")) {
      String value =
          e.has("valueFrom")
              ? chart.single("Deployment").at("/metadata/namespace").asText()
              : e.path("value").asText();
      env.put(e.path("name").asText(), value);
    }
    return OperatorSettings.fromEnvironment(env);
  }

  /** What the operator, configured as the chart configures it, derives from its code. */
  static OperatorPermissions permissionsOf(RenderedChart chart) {
    KubernetesClient offline =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:9").build())
            .build();
    try (ServerSideSyncOperator operator =
        new ServerSideSyncOperator(
            offline,
            settingsOf(chart),
            sync -> new RunnerObservation.NotPolled(),
            Clock.systemUTC(),
            new SimpleMeterRegistry(),
            "rbac-test")) {
      return operator.permissions();
    } finally {
      offline.close();
    }
  }
}
