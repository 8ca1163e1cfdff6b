package io.serversidesync.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.harness.FakeRunnerLauncher;
import io.serversidesync.operator.status.Conditions;
import io.serversidesync.operator.testing.ApiAccess;
import io.serversidesync.operator.testing.OperatorFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas with leader election on the mock API server (its CRUD mode stores Leases
 * like any object and checks their resourceVersion on update, which is all Fabric8's LeaseLock
 * needs): only the leader reconciles, and when it stops the other takes the Lease over and
 * reconciles from then on.
 */
@Tag("integration")
class LeaderElectionIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String LEASE_NAMESPACE = "ops";
  private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");

  /** client-go's timing, shortened. */
  private static final UnaryOperator<LeaderElectionConfigurationBuilder> FAST =
      b ->
          b.withLeaseDuration(Duration.ofSeconds(2))
              .withRenewDeadline(Duration.ofMillis(1500))
              .withRetryPeriod(Duration.ofMillis(200));

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWhenItStops() {
    OperatorSettings settings =
        OperatorSettings.fromEnvironment(
            Map.of(
                "SSS_RUNNER_IMAGE",
                OperatorFixture.RUNNER_IMAGE,
                "SSS_LEADER_ELECTION",
                "true",
                "POD_NAMESPACE",
                LEASE_NAMESPACE,
                "SSS_STATUS_POLL_INTERVAL",
                "1s"));
    try (OperatorFixture fixture = OperatorFixture.withoutOperator(new FakeRunnerLauncher())) {
      fixture.cluster().allowLeases();
      fixture.cluster().createNamespace(LEASE_NAMESPACE);
      fixture.namespaceWithSecrets("apps");
      ServerSideSyncOperator a = replica(fixture, settings, "replica-a");
      ServerSideSyncOperator b = replica(fixture, settings, "replica-b");
      List<ServerSideSyncOperator> running = new ArrayList<>();
      try {
        a.start();
        running.add(a);
        await().atMost(WAIT).until(() -> holder(fixture).equals(Optional.of("replica-a")));
        b.start();
        running.add(b);
        assertThat(b.leaderElection())
            .hasValueSatisfying(
                c -> {
                  assertThat(c.getLeaseName()).isEqualTo("serversidesync-operator");
                  assertThat(c.getLeaseNamespace()).contains(LEASE_NAMESPACE);
                  assertThat(c.getIdentity()).contains("replica-b");
                });

        fixture.create(OperatorFixture.example("apps", "first"));
        await().atMost(WAIT).until(() -> ready(fixture.get("apps", "first")));
        assertThat(writes(fixture, "operator-replica-a"))
            .contains("create apps/deployments", "update serversidesync.io/serversidesyncs/status");
        assertThat(writes(fixture, "operator-replica-b")).isEmpty();
        assertThat(holder(fixture)).contains("replica-a");

        a.close();
        running.remove(a);
        await().atMost(WAIT).until(() -> holder(fixture).equals(Optional.of("replica-b")));
        fixture.create(OperatorFixture.example("apps", "second"));
        await().atMost(WAIT).until(() -> ready(fixture.get("apps", "second")));
        assertThat(writes(fixture, "operator-replica-b"))
            .contains("create apps/deployments", "update serversidesync.io/serversidesyncs/status");
      } finally {
        running.forEach(ServerSideSyncOperator::close);
      }
    }
  }

  private static ServerSideSyncOperator replica(
      OperatorFixture fixture, OperatorSettings settings, String identity) {
    return fixture.newOperator(
        settings, identity, "operator-" + identity, new SimpleMeterRegistry(), FAST);
  }

  private static Optional<String> holder(OperatorFixture fixture) {
    Lease lease =
        fixture
            .client()
            .resources(Lease.class)
            .inNamespace(LEASE_NAMESPACE)
            .withName("serversidesync-operator")
            .get();
    return lease == null || lease.getSpec() == null
        ? Optional.empty()
        : Optional.ofNullable(lease.getSpec().getHolderIdentity());
  }

  /**
   * What a replica wrote, leases aside (each replica tries to take or renew the Lease), and the
   * SelfSubjectRulesReview each sends at start (a question about its own rights, not a write).
   */
  private static List<String> writes(OperatorFixture fixture, String userAgent) {
    return fixture.cluster().requests().stream()
        .filter(r -> userAgent.equals(r.userAgent()))
        .map(ApiAccess::of)
        .flatMap(Optional::stream)
        .filter(a -> WRITES.contains(a.verb()))
        .filter(
            a -> !a.resource().equals("leases") && !a.resource().equals("selfsubjectrulesreviews"))
        .map(ApiAccess::toString)
        .distinct()
        .toList();
  }

  private static boolean ready(ServerSideSync s) {
    return s != null
        && s.getStatus() != null
        && Conditions.isTrue(s.getStatus().getConditions(), Condition.READY);
  }
}
