package io.serversidesync.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.PlanStatus;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import io.serversidesync.api.v1alpha1.ServerSideSyncStatus;
import io.serversidesync.operator.validation.SpecCheck;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.dryRun: the runner's plan lands in status.plan; the sync is never Ready. */
class DryRunStatusTest {

  private final StatusCalculator calculator =
      new StatusCalculator(Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC));
  private static final DeploymentState RUNNING = new DeploymentState(true, 1, true, 1, null);

  private static ServerSideSync sync(boolean dryRun, boolean suspend) {
    ServerSideSync sync = new ServerSideSync();
    sync.setMetadata(new ObjectMetaBuilder().withName("s").withGeneration(1L).build());
    ServerSideSyncSpec spec = new ServerSideSyncSpec();
    spec.setDryRun(dryRun);
    spec.setSuspend(suspend);
    sync.setSpec(spec);
    return sync;
  }

  private static RunnerObservation planned(long callsPerDay) {
    PlanStatus plan = new PlanStatus();
    plan.setCallsPerDay(callsPerDay);
    plan.setSummary("initial load 50 calls (collections), then " + callsPerDay + " calls/day");
    return new RunnerObservation.Reported(
        new RunnerStatus(
            "s",
            Phase.Pending,
            true,
            "DryRun",
            "dry run, nothing is written: …",
            null,
            null,
            null,
            null,
            null,
            null,
            plan));
  }

  @Test
  void theRunnersPlanGoesIntoStatusPlanAndTheSyncIsNotReady() {
    ServerSideSyncStatus status =
        calculator.next(sync(true, false), new SpecCheck(List.of()), RUNNING, planned(41_143));
    assertThat(status.getPlan().getCallsPerDay()).isEqualTo(41_143);
    assertThat(status.getPhase()).isEqualTo(Phase.Pending);
    Condition ready = Conditions.find(status.getConditions(), Condition.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("DryRun");
  }

  @Test
  void aPlanThatCannotBeMadeIsStalledWithTheRunnersReason() {
    RunnerStatus failed =
        new RunnerStatus(
            "s",
            Phase.Failed,
            false,
            "NoStatistics",
            "public.t has no statistics yet: run ANALYZE",
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    ServerSideSyncStatus status =
        calculator.next(
            sync(true, false),
            new SpecCheck(List.of()),
            RUNNING,
            new RunnerObservation.Reported(failed));
    Condition stalled = Conditions.find(status.getConditions(), Condition.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getMessage()).contains("ANALYZE");
    assertThat(status.getPlan()).isNull();
  }

  @Test
  void aSuspendedSyncKeepsTheLastPlan() {
    ServerSideSync sync = sync(true, false);
    sync.setStatus(calculator.next(sync, new SpecCheck(List.of()), RUNNING, planned(900)));
    ServerSideSync suspended = sync(false, true);
    suspended.setStatus(sync.getStatus());
    ServerSideSyncStatus status =
        calculator.next(
            suspended,
            new SpecCheck(List.of()),
            new DeploymentState(true, 0, true, 0, null),
            new RunnerObservation.NotPolled());
    assertThat(status.getPhase()).isEqualTo(Phase.Suspended);
    assertThat(status.getPlan().getCallsPerDay()).isEqualTo(900);
    assertThat(List.of(status.getPlan().getSummary())).allMatch(s -> s.contains("900"));
  }
}
