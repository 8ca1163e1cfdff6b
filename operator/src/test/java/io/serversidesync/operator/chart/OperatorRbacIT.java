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
        RenderedChart.permissions(RenderedChart.render().single("ClusterRole"));
    FakeRunnerLauncher runners = new FakeRunnerLauncher();
    List<ApiRequest> requests;
    try (OperatorFixture fixture = new OperatorFixture(runners, Duration.ofMillis(200))) {
      String ns = "rbac";
      String name = "rbac-sync";
      fixture.namespaceWithSecrets(ns);
      fixture.create(OperatorFixture.example(ns, name));
      await().atMost(WAIT).until(() -> ready(fixture.get(ns, name)));
      ServerSideSync sync = fixture.get(ns, name);
      sync.getSpec().setSuspend(true);
      fixture.client().resource(sync).update();
      await()
          .atMost(WAIT)
          .until(() -> fixture.get(ns, name).getStatus().getPhase() == Phase.Suspended);
      sync = fixture.get(ns, name);
      sync.getSpec().setSuspend(false);
      fixture.client().resource(sync).update();
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
      Optional<Access> access = Access.of(request);
      if (access.isPresent() && !access.get().allowedBy(granted)) {
        denied.add(access.get() + " (" + request.method() + " " + request.path() + ")");
      }
    }
    assertThat(denied).as("requests the chart's ClusterRole does not allow").isEmpty();
    // and the other way round: every verb the chart grants is one the operator used
    List<String> used =
        requests.stream().map(Access::of).flatMap(Optional::stream).map(Access::toString).toList();
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
    assertThat(requests.stream().map(Access::of).flatMap(Optional::stream).map(Access::toString))
        .contains(
            "create apps/deployments",
            "update serversidesync.io/serversidesyncs/status",
            "create batch/jobs",
            "delete batch/jobs",
            "get /secrets",
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

  /** An API request as RBAC sees it: verb, group, resource (with subresource). */
  record Access(String verb, String group, String resource) {

    static Optional<Access> of(ApiRequest request) {
      String[] parts = request.resourcePath().replaceFirst("^/", "").split("/");
      int i;
      String group;
      if (parts.length >= 2 && parts[0].equals("api")) {
        group = "";
        i = 2;
      } else if (parts.length >= 3 && parts[0].equals("apis")) {
        group = parts[1];
        i = 3;
      } else {
        return Optional.empty(); // discovery and /version: allowed to every client
      }
      if (parts.length > i + 1 && parts[i].equals("namespaces")) {
        i += 2;
      }
      if (parts.length <= i) {
        return Optional.empty();
      }
      String resource = parts[i];
      boolean named = parts.length > i + 1;
      if (parts.length > i + 2) {
        resource = resource + "/" + parts[i + 2];
      }
      String verb =
          switch (request.method()) {
            case "GET" -> named ? "get" : request.path().contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> request.method().toLowerCase(java.util.Locale.ROOT);
          };
      return Optional.of(new Access(verb, group, resource));
    }

    boolean allowedBy(List<Permission> rules) {
      return rules.stream()
          .anyMatch(
              p ->
                  p.apiGroup().equals(group)
                      && p.resource().equals(resource)
                      && p.verbs().contains(verb));
    }

    @Override
    public String toString() {
      return verb + " " + group + "/" + resource;
    }
  }
}
