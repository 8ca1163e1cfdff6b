package io.serversidesync.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.harness.FakeRunnerLauncher;
import io.serversidesync.operator.harness.RunnerLauncher.CleanupResult;
import io.serversidesync.operator.rbac.Permission;
import io.serversidesync.operator.status.Conditions;
import io.serversidesync.operator.testing.ApiAccess;
import io.serversidesync.operator.testing.ApiRequest;
import io.serversidesync.operator.testing.OperatorFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every request the operator sends during a whole lifecycle (create, ready, suspend, resume, delete
 * with a failed and a retried cleanup) is allowed by the chart's RBAC: the chart grants nothing the
 * code does not derive (ChartIT) and the code uses nothing the chart does not grant.
 */
@Tag("integration")
class OperatorRbacIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void everyRequestOfTheOperatorIsAllowedByTheChartsRules() {
    List<Permission> granted =
        RenderedChart.permissions(
            RenderedChart.render().named("ClusterRole", "sss-serversidesync-operator"));
    FakeRunnerLauncher runners = new FakeRunnerLauncher();
    List<ApiRequest> requests;
    try (OperatorFixture fixture = new OperatorFixture(runners, Duration.ofMillis(200))) {
      String ns = "rbac";
      String name = "rbac-sync";
      fixture.namespaceWithSecrets(ns);
      fixture.create(OperatorFixture.example(ns, name));
      await().atMost(WAIT).until(() -> ready(fixture.get(ns, name)));
      fixture.edit(ns, name, s -> s.getSpec().setSuspend(true));
      await()
          .atMost(WAIT)
          .until(() -> fixture.get(ns, name).getStatus().getPhase() == Phase.Suspended);
      fixture.edit(ns, name, s -> s.getSpec().setSuspend(false));
      await().atMost(WAIT).until(() -> ready(fixture.get(ns, name)));
      runners.scriptCleanups(
          ns,
          name,
          CleanupResult.failure("connection refused"),
          CleanupResult.failure("connection refused"));
      fixture.client().resource(fixture.get(ns, name)).delete();
      await().atMost(WAIT).until(() -> fixture.get(ns, name) == null);
      requests = fixture.cluster().operatorRequests();
    }

    assertThat(requests).isNotEmpty();
    List<String> denied = new ArrayList<>();
    for (ApiRequest request : requests) {
      Optional<ApiAccess> access = ApiAccess.of(request);
      if (access.isPresent() && !access.get().allowedBy(granted)) {
        denied.add(access.get() + " (" + request.method() + " " + request.path() + ")");
      }
    }
    assertThat(denied).as("requests the chart's ClusterRole does not allow").isEmpty();
    // and the other way round: every verb the chart grants is one the operator used
    List<String> used =
        requests.stream()
            .map(ApiAccess::of)
            .flatMap(Optional::stream)
            .map(ApiAccess::toString)
            .toList();
    List<String> unused = new ArrayList<>();
    for (Permission p : granted) {
      for (String verb : p.verbs()) {
        String grant = verb + " " + p.apiGroup() + "/" + p.resource();
        if (!used.contains(grant)) {
          unused.add(grant);
        }
      }
    }
    assertThat(unused)
        .as("verbs the chart grants that the operator did not use in a whole lifecycle")
        .isSubsetOf(NOT_EXERCISED.keySet());
    // The scenario exercised the rules that matter most.
    assertThat(
            requests.stream().map(ApiAccess::of).flatMap(Optional::stream).map(ApiAccess::toString))
        .contains(
            "create apps/deployments",
            "update serversidesync.io/serversidesyncs/status",
            "create batch/jobs",
            "delete batch/jobs",
            "watch /secrets",
            "create /events",
            "patch serversidesync.io/serversidesyncs");
  }

  /**
   * Verbs the code needs that a lifecycle on the mock server does not exercise, and why. Each is
   * derived in ServerSideSyncOperator.permissions() from the code path that uses it.
   */
  private static final java.util.Map<String, String> NOT_EXERCISED =
      java.util.Map.of(
          "get serversidesync.io/serversidesyncs",
          "re-reading a sync after a finalizer patch conflicted with another writer",
          "update /services",
          "putting back a runner Service someone edited (the desired Service never changes)");

  private static boolean ready(ServerSideSync s) {
    return s != null
        && s.getStatus() != null
        && Conditions.isTrue(s.getStatus().getConditions(), Condition.READY);
  }
}
