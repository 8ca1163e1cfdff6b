package io.serversidesync.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.api.v1alpha1.Lag;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import io.serversidesync.api.v1alpha1.ServerSideSyncStatus;
import io.serversidesync.api.validation.Violation;
import io.serversidesync.operator.validation.SpecCheck;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusCalculatorTest {

  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final SpecCheck VALID = new SpecCheck(List.of());
  private static final DeploymentState RUNNING = new DeploymentState(true, 1, true, 1, null);

  private final StatusCalculator at0 = new StatusCalculator(Clock.fixed(T0, ZoneOffset.UTC));
  private final StatusCalculator later =
      new StatusCalculator(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

  @Test
  void readyRunnerOfTheCurrentTemplateIsReadyWithItsCounters() {
    ServerSideSyncStatus status = at0.next(sync(2, false), VALID, RUNNING, streaming(0.44));

    assertThat(status.getPhase()).isEqualTo(Phase.Streaming);
    assertThat(status.getObservedGeneration()).isEqualTo(2);
    assertThat(condition(status, Condition.READY))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getLastTransitionTime)
        .containsExactly("True", "Streaming", "2025-06-01T10:00:00Z");
    assertThat(condition(status, Condition.RECONCILING).getStatus()).isEqualTo("False");
    assertThat(condition(status, Condition.STALLED).getStatus()).isEqualTo("False");
    assertThat(status.getCounters().getApiCallsSaved()).isEqualTo(950);
    assertThat(status.getLag().getSeconds()).isEqualTo(0.4);
  }

  @Test
  void sameObservationGivesAnEqualStatusAndKeepsTransitionTimes() {
    ServerSideSync sync = sync(1, false);
    sync.setStatus(at0.next(sync, VALID, RUNNING, streaming(0.41)));

    ServerSideSyncStatus again = later.next(sync, VALID, RUNNING, streaming(0.44));

    assertThat(again).isEqualTo(sync.getStatus());
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
    ServerSideSync sync = sync(1, false);
    sync.setStatus(at0.next(sync, VALID, RUNNING, streaming(0)));
    RunnerStatus throttled =
        new RunnerStatus(
            "s",
            Phase.Throttled,
            true,
            "Throttled",
            "waiting for quota",
            null,
            null,
            null,
            null,
            "2025-06-01T11:00:00Z",
            null,
            null);

    ServerSideSyncStatus next =
        later.next(sync, VALID, RUNNING, new RunnerObservation.Reported(throttled));

    // Still Ready (throttled is working as intended), new reason, same transition time.
    assertThat(condition(next, Condition.READY))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getLastTransitionTime)
        .containsExactly("True", "Throttled", "2025-06-01T10:00:00Z");
    assertThat(next.getThrottledUntil()).isEqualTo("2025-06-01T11:00:00Z");

    sync.setStatus(next);
    ServerSideSyncStatus stopped =
        later.next(sync, VALID, new DeploymentState(true, 1, true, 0, null), notReady());
    assertThat(condition(stopped, Condition.READY).getLastTransitionTime())
        .isEqualTo("2025-06-01T10:01:00Z");
  }

  @Test
  void invalidSpecIsStalledWithTheViolationsAndKeepsTheCounters() {
    ServerSideSync sync = sync(3, false);
    sync.setStatus(at0.next(sync, VALID, RUNNING, streaming(0)));
    SpecCheck invalid =
        new SpecCheck(
            List.of(
                new Violation(
                    "spec.source.postgres.credentialsSecretRef.name",
                    "Secret \"app-db\" not found")));

    ServerSideSyncStatus status =
        later.next(sync, invalid, RUNNING, new RunnerObservation.NotPolled());

    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
    Condition stalled = condition(status, Condition.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("InvalidSpec");
    assertThat(stalled.getMessage()).contains("spec.source.postgres.credentialsSecretRef.name");
    assertThat(condition(status, Condition.READY).getStatus()).isEqualTo("False");
    assertThat(status.getCounters()).isEqualTo(sync.getStatus().getCounters());
  }

  @Test
  void suspendedIsNotReadyAndSaysTheSlotRetainsWal() {
    ServerSideSyncStatus stopping =
        at0.next(sync(4, true), VALID, RUNNING, new RunnerObservation.NotPolled());
    assertThat(condition(stopping, Condition.RECONCILING).getStatus()).isEqualTo("True");

    ServerSideSyncStatus stopped =
        at0.next(
            sync(4, true),
            VALID,
            new DeploymentState(true, 0, true, 0, null),
            new RunnerObservation.NotPolled());
    assertThat(stopped.getPhase()).isEqualTo(Phase.Suspended);
    assertThat(condition(stopped, Condition.READY).getReason()).isEqualTo("Suspended");
    assertThat(condition(stopped, Condition.READY).getMessage())
        .contains("sss_orders_sync")
        .contains("WAL");
    assertThat(condition(stopped, Condition.RECONCILING).getStatus()).isEqualTo("False");
    assertThat(condition(stopped, Condition.STALLED).getStatus()).isEqualTo("False");
  }

  @Test
  void runnerReadyButOldTemplateIsStillReconciling() {
    ServerSideSyncStatus status =
        at0.next(sync(2, false), VALID, new DeploymentState(true, 1, false, 1, null), streaming(0));
    assertThat(condition(status, Condition.READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, Condition.RECONCILING).getStatus()).isEqualTo("True");
  }

  @Test
  void startingRunnerIsOneStatusUntilItsPodIsReady() {
    ServerSideSync sync = sync(1, false);
    DeploymentState created = new DeploymentState(true, 0, false, 0, null);
    sync.setStatus(at0.next(sync, VALID, created, new RunnerObservation.NotPolled()));

    // The pod runs and its runner already answers ready, but the pod is not ready yet: nothing to
    // write (and no counters from a runner that is not yet the ready runner of this spec).
    DeploymentState podNotReady = new DeploymentState(true, 1, true, 0, null);
    ServerSideSyncStatus answered = later.next(sync, VALID, podNotReady, streaming(0));
    ServerSideSyncStatus unreachable =
        later.next(sync, VALID, podNotReady, new RunnerObservation.Unreachable("refused"));

    assertThat(answered).isEqualTo(sync.getStatus()).isEqualTo(unreachable);
    assertThat(answered.getPhase()).isEqualTo(Phase.Pending);
    assertThat(answered.getCounters()).isNull();
    assertThat(condition(answered, Condition.RECONCILING))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "Starting");
    // A runner that reports its own progress before it is ready is news, and is shown.
    assertThat(later.next(sync, VALID, podNotReady, notReady()).getPhase())
        .isEqualTo(Phase.Pending);
    assertThat(
            condition(later.next(sync, VALID, podNotReady, notReady()), Condition.RECONCILING)
                .getReason())
        .isEqualTo("Connecting");
    // Once the pod is ready, it is Ready with the runner's counters.
    ServerSideSyncStatus ready = later.next(sync, VALID, RUNNING, streaming(0));
    assertThat(condition(ready, Condition.READY).getStatus()).isEqualTo("True");
    assertThat(ready.getCounters()).isNotNull();
  }

  @Test
  void failedRunnerIsStalledWithItsReason() {
    RunnerStatus failed =
        new RunnerStatus(
            "s",
            Phase.Failed,
            false,
            "CredentialsRejected",
            "fix Secret sf-oauth",
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    ServerSideSyncStatus status =
        at0.next(sync(1, false), VALID, RUNNING, new RunnerObservation.Reported(failed));
    assertThat(condition(status, Condition.STALLED))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", "CredentialsRejected", "fix Secret sf-oauth");
  }

  /**
   * The real runner keeps its phase and retries while Salesforce rejects the credentials (found by
   * SecretsNeverLeakIT with the runner's own message): only the user can fix that, so Stalled.
   */
  @Test
  void runnerRetryingRejectedCredentialsIsStalled() {
    RunnerStatus rejected =
        new RunnerStatus(
            "s",
            Phase.Streaming,
            false,
            "CredentialsRejected",
            "Salesforce rejected the credentials in Secret sf-oauth: invalid_client",
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    ServerSideSyncStatus status =
        at0.next(sync(1, false), VALID, RUNNING, new RunnerObservation.Reported(rejected));
    assertThat(status.getPhase()).isEqualTo(Phase.Streaming);
    assertThat(condition(status, Condition.STALLED))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "CredentialsRejected");
    assertThat(condition(status, Condition.READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, Condition.RECONCILING).getStatus()).isEqualTo("False");
  }

  /**
   * A wrong Postgres password or a failed TLS handshake is the commonest setup mistake: the runner
   * retries while pending, and before these reasons the operator showed Reconciling forever.
   */
  @ParameterizedTest
  @ValueSource(strings = {"SourceCredentialsRejected", "SourceTlsFailed", "RecordErrorRate"})
  void runnerRefusedByPostgresForAReasonOnlyTheUserFixesIsStalled(String reason) {
    RunnerStatus refused =
        new RunnerStatus(
            "s",
            Phase.Pending,
            false,
            reason,
            "fix spec.source.postgres.credentialsSecretRef",
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    ServerSideSyncStatus status =
        at0.next(sync(1, false), VALID, RUNNING, new RunnerObservation.Reported(refused));
    assertThat(condition(status, Condition.STALLED))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", reason, "fix spec.source.postgres.credentialsSecretRef");
    assertThat(condition(status, Condition.RECONCILING).getStatus()).isEqualTo("False");
  }

  @Test
  void rolloutPastItsDeadlineIsStalled() {
    ServerSideSyncStatus status =
        at0.next(
            sync(1, false),
            VALID,
            new DeploymentState(true, 1, true, 0, "ReplicaSet has timed out progressing"),
            new RunnerObservation.Unreachable("connection refused"));
    assertThat(condition(status, Condition.STALLED).getReason()).isEqualTo("RunnerNotStarting");
  }

  @Test
  void anUnansweredPollKeepsWhatTheRunnerSaidLast() {
    ServerSideSync sync = sync(1, false);
    sync.setStatus(at0.next(sync, VALID, RUNNING, streaming(0)));

    ServerSideSyncStatus status =
        later.next(sync, VALID, RUNNING, new RunnerObservation.Unreachable("timeout"));

    assertThat(status).isEqualTo(sync.getStatus());
  }

  private static RunnerObservation streaming(double lagSeconds) {
    return new RunnerObservation.Reported(
        new RunnerStatus(
            "orders-sync",
            Phase.Streaming,
            true,
            "Streaming",
            "streaming",
            new Lag(10, lagSeconds),
            new Counters(1000, 100, 50, 950, 0),
            null,
            "0/1",
            null,
            null,
            null));
  }

  private static RunnerObservation notReady() {
    return new RunnerObservation.Reported(
        new RunnerStatus(
            "orders-sync",
            Phase.Pending,
            false,
            "Connecting",
            "connecting to Postgres",
            null,
            null,
            null,
            null,
            null,
            null,
            null));
  }

  private static ServerSideSync sync(long generation, boolean suspend) {
    ServerSideSync sync = new ServerSideSync();
    sync.setMetadata(
        new ObjectMetaBuilder()
            .withName("orders-sync")
            .withNamespace("apps")
            .withGeneration(generation)
            .build());
    ServerSideSyncSpec spec = new ServerSideSyncSpec();
    spec.setSuspend(suspend);
    sync.setSpec(spec);
    sync.setStatus(null);
    return sync;
  }

  private static Condition condition(ServerSideSyncStatus status, String type) {
    return Conditions.find(status.getConditions(), type);
  }
}
