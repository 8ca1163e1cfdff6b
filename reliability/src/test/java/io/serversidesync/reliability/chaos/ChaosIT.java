package io.serversidesync.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bounded chaos run of {@code make test}: the runner's jar under a SIGKILL during the initial
 * snapshot, during a Bulk job, between a destination ack and the slot confirm and at a random
 * moment, a Postgres restart, the destination off the network and the fault storm; every key equal
 * at the end. Then the same workload undisturbed, for the API-call baseline. {@code make chaos}
 * runs the full plan.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class ChaosIT {

  /** Kept after the run (unlike a temporary directory): the runners' logs explain a failure. */
  private final Path dir = Path.of("target", "chaos-it");

  @Test
  void nothingIsLostOrDifferentAfterKillsRestartsAndTheStorm(PostgresCluster cluster)
      throws Exception {
    ChaosPlan plan = ChaosPlan.bounded(7);
    ChaosRun.Outcome storm =
        new ChaosRun(cluster, plan, ChaosRun.Mode.STORM, dir, System.out).run();
    ChaosReport.details(storm, System.out);
    ChaosRun.Outcome calm =
        new ChaosRun(cluster, plan, ChaosRun.Mode.FAULT_FREE, dir, System.out).run();
    ChaosReport.details(calm, System.out);
    String line = ChaosReport.line(storm, calm);
    System.out.println(line);

    assertThat(storm.verification().examples()).as("differences").isEmpty();
    assertThat(line)
        .matches(
            "CHAOS keys=4004 mismatched=0 lost=0 kills=4 api_calls=\\d+ api_calls_fault_free=\\d+");
    assertThat(storm.kills())
        .extracting(ChaosRun.Kill::target)
        .containsExactly(
            KillMoment.SNAPSHOT,
            KillMoment.BULK_JOB,
            KillMoment.ACK_BEFORE_CONFIRM,
            KillMoment.RANDOM);
    assertThat(storm.kills()).allSatisfy(k -> assertThat(k.proven()).as(k.evidence()).isTrue());
    assertThat(storm.unexpectedExits()).isEmpty();
    assertThat(storm.drained()).isTrue();
    assertThat(storm.finalExit()).isZero();
    assertThat(storm.events()).hasSize(2);
    // the storm really blew: every kind of fault hit the runner
    assertThat(storm.stats().faults())
        .containsKeys(
            "TOKEN_EXPIRED", "RATE_LIMITED", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE_HTML");
    assertThat(storm.stats().records("failed.UNABLE_TO_LOCK_ROW")).isPositive();
    assertThat(calm.passed()).as("the fault-free run").isTrue();
    assertThat(calm.stats().faults()).isEmpty();
    assertThat(storm.passed()).isTrue();
  }
}
