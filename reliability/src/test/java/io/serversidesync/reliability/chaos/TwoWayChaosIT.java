package io.serversidesync.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bounded two-way chaos run of {@code make test}: two-way on (SourceWins), a user editing
 * records through the destination's REST API while the runner is killed during the snapshot,
 * between a destination ack and the slot confirm and at random, Postgres restarts, the destination
 * goes off the network and the storm blows. Every key ends exactly as the writer and the edits
 * decide, every row knows its record's Id, and the runner goes quiet (no echo loop). {@code make
 * chaos CHAOS_ARGS=--two-way} runs the full plan.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class TwoWayChaosIT {

  /** Kept after the run (unlike a temporary directory): the runners' logs explain a failure. */
  private final Path dir = Path.of("target", "chaos-it-two-way");

  @Test
  void noEditIsLostAndNothingEchoesAfterKillsRestartsAndTheStorm(PostgresCluster cluster)
      throws Exception {
    ChaosRun.Outcome run =
        new ChaosRun(cluster, ChaosPlan.twoWayBounded(7), ChaosRun.Mode.STORM, dir, System.out)
            .run();
    ChaosReport.details(run, System.out);
    String line = ChaosReport.twoWayLine(run);
    System.out.println(line);

    var twoWay = run.twoWay().verification();
    assertThat(run.verification().examples()).as("differences").isEmpty();
    assertThat(twoWay.examples()).as("two-way problems").isEmpty();
    assertThat(line)
        .matches(
            "CHAOS two_way keys=4004 mismatched=0 lost=0 kills=3 edits=\\d+ edits_won=\\d+"
                + " edits_superseded=\\d+ edits_raced=\\d+ edits_lost=0 postgres_lost=0"
                + " ids_missing=0 echo_writes=0 echo_applied=0 api_calls=\\d+");
    // the edits really met the storm: many, of both kinds; and Postgres superseded every edit it
    // was made to supersede (the writer changed those keys once the edits were made: how many
    // other edits Postgres happened to beat is the machine's speed, not the runner's behaviour)
    assertThat(twoWay.edits()).isGreaterThanOrEqualTo(60);
    assertThat(twoWay.editsWon()).isGreaterThanOrEqualTo(30);
    assertThat(twoWay.supersededOnPurpose())
        .isEqualTo(ChaosPlan.twoWayBounded(7).twoWay().supersededEdits());
    assertThat(twoWay.editsSuperseded()).isGreaterThanOrEqualTo(twoWay.supersededOnPurpose());
    assertThat(run.twoWay().quiescence().quiet()).as("no echo loop").isTrue();
    assertThat(run.kills()).allSatisfy(k -> assertThat(k.proven()).as(k.evidence()).isTrue());
    assertThat(run.unexpectedExits()).isEmpty();
    assertThat(run.drained()).isTrue();
    assertThat(run.finalExit()).isZero();
    assertThat(run.events()).hasSize(2);
    assertThat(run.stats().faults()).containsKeys("TOKEN_EXPIRED", "RATE_LIMITED");
    assertThat(run.passed()).isTrue();
  }
}
