package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.cli.FailureSupervisor.OnFailure;
import io.serversidesync.runner.status.RunnerState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a failure only the user can fix does to the process: exit, or stay up and report it. */
class FailureSupervisorTest {

  private final RunnerState state = new RunnerState("s");

  private static UserFixable badMapping() {
    return new UserFixable(
        ExitCodes.PREFLIGHT_FAILED,
        "PreflightFailed",
        "spec.mapping[1].field Emial does not exist on Contact; did you mean Email?",
        null);
  }

  @Test
  void byHandTheFailureEndsTheProcessWithItsCode() throws Exception {
    FailureSupervisor supervisor =
        new FailureSupervisor(state, OnFailure.EXIT, Duration.ofMillis(10), Duration.ofMillis(10));
    AtomicInteger attempts = new AtomicInteger();
    int exit =
        supervisor.run(
            () -> {
              attempts.incrementAndGet();
              throw badMapping();
            });
    assertThat(exit).isEqualTo(ExitCodes.PREFLIGHT_FAILED);
    assertThat(attempts).hasValue(1);
    assertThat(state.snapshot().phase()).isEqualTo(Phase.Failed);
    assertThat(supervisor.lastFailure()).contains("did you mean Email?");
  }

  /**
   * In a pod the runner stays up with the failure on its status (which the operator copies into the
   * resource's Stalled condition), checks again, and streams once the user fixed the cause.
   */
  @Test
  void inAPodTheFailureIsReportedAndCheckedAgainUntilFixed() throws Exception {
    FailureSupervisor supervisor =
        new FailureSupervisor(state, OnFailure.STAY, Duration.ofMillis(50), Duration.ofMillis(200));
    CountDownLatch fixed = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return supervisor.run(
                    () -> {
                      attempts.incrementAndGet();
                      if (fixed.getCount() > 0) {
                        throw badMapping();
                      }
                    });
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> attempts.get() >= 3);
    RunnerStatus status = state.snapshot();
    assertThat(status.phase()).isEqualTo(Phase.Failed);
    assertThat(status.ready()).isFalse();
    assertThat(status.reason()).isEqualTo("PreflightFailed");
    assertThat(status.message()).contains("did you mean Email?");
    assertThat(exit).isNotDone();
    fixed.countDown();
    assertThat(exit.get()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void aStopWhileWaitingToCheckAgainEndsWithTheFailuresCode() throws Exception {
    FailureSupervisor supervisor =
        new FailureSupervisor(state, OnFailure.STAY, Duration.ofHours(1), Duration.ofHours(1));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return supervisor.run(
                    () -> {
                      throw badMapping();
                    });
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> state.currentPhase() == Phase.Failed);
    supervisor.stop();
    assertThat(exit.get()).isEqualTo(ExitCodes.PREFLIGHT_FAILED);
  }
}
