package io.serversidesync.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bounded chaos run against the sandbox's HubSpot API, in {@code make test}: the runner's jar
 * under a SIGKILL during the initial snapshot, one between a destination ack and the slot confirm
 * and one at random, 5xx answers throughout and a burst of 429s of each policy a runner waits out
 * (TEN_SECONDLY_ROLLING, SECONDLY); every key equal at the end. No fault-free baseline, to stay
 * within a minute. {@code make chaos CHAOS_ARGS="--destination hubspot"} runs the full plan.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class HubSpotChaosIT {

  /** Kept after the run (unlike a temporary directory): the runners' logs explain a failure. */
  private final Path dir = Path.of("target", "chaos-it-hubspot");

  @Test
  void nothingIsLostOrDifferentAfterKillsAnd429sOfEachPolicyAnd5xx(PostgresCluster cluster)
      throws Exception {
    ChaosPlan plan = HubSpotPlans.bounded(11);
    ChaosRun.Outcome storm =
        new ChaosRun(
                cluster,
                plan,
                ChaosRun.Mode.STORM,
                CaptureMethod.LogicalReplication,
                ChaosDestination.HUBSPOT,
                dir,
                System.out)
            .run();
    ChaosReport.details(storm, System.out);
    String line = ChaosReport.line(storm, null);
    System.out.println(line + " elapsed_s=" + storm.elapsed().toSeconds());

    assertThat(storm.verification().examples()).as("differences").isEmpty();
    assertThat(line)
        .matches(
            "CHAOS destination=hubspot keys=4004 mismatched=0 lost=0 kills=3 api_calls=\\d+"
                + " api_calls_fault_free=-");
    assertThat(storm.kills())
        .extracting(ChaosRun.Kill::target)
        .containsExactly(KillMoment.SNAPSHOT, KillMoment.ACK_BEFORE_CONFIRM, KillMoment.RANDOM);
    assertThat(storm.kills()).allSatisfy(k -> assertThat(k.proven()).as(k.evidence()).isTrue());
    assertThat(storm.apiCalls()).isPositive();
    assertThat(storm.unexpectedExits()).isEmpty();
    assertThat(storm.drained()).isTrue();
    assertThat(storm.finalExit()).isZero();
    // every call went to HubSpot, and the storm really blew: 5xx and both 429 bursts
    assertThat(storm.stats().calls())
        .allSatisfy((endpoint, calls) -> assertThat(endpoint).startsWith("hubspot."));
    assertThat(storm.stats().faults()).containsKey("hubspot.RATE_LIMITED");
    assertThat(storm.stats().faults().keySet())
        .anyMatch(k -> k.startsWith("hubspot.") && !k.equals("hubspot.RATE_LIMITED"));
    assertThat(storm.events()).hasSize(2);
    assertThat(storm.passed()).isTrue();
  }
}
