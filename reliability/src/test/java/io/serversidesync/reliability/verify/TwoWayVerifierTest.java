package io.serversidesync.reliability.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.reliability.twoway.DestinationEdit;
import io.serversidesync.reliability.verify.TwoWayVerifier.Expected;
import io.serversidesync.reliability.workload.KeyLedger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an edit's key must end as, from what Postgres, the destination and the runner held. */
class TwoWayVerifierTest {

  private static final long LAST_COMMIT = 5_000;

  /** The key's last change committed at t=100..110 with seq 7; the edit ran at t=200..210. */
  private static final KeyLedger.Last STILL = new KeyLedger.Last(7, LAST_COMMIT, 50, 100, 110);

  /** A SIGKILL at t=300, after the last change and the edit. */
  private static final List<Long> KILLED_LATER = List.of(300L);

  private static DestinationEdit edit(long postgresSeq, long destinationSeq, long acknowledgedLsn) {
    return new DestinationEdit(
        1,
        "K-1",
        "edit-1-K-1",
        false,
        postgresSeq,
        destinationSeq,
        true,
        acknowledgedLsn,
        200,
        210);
  }

  @Test
  void anEditOnTheAcknowledgedLastChangeMustWin() {
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT + 80), STILL, KILLED_LATER))
        .isEqualTo(Expected.EDIT);
  }

  @Test
  void anEditOnALastChangeTheRunnerHasNotRecordedMayEndEitherWayWhenTheRunnerIsKilled() {
    // a kill before the acknowledgement is recorded makes the runner send the change again
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT - 1), STILL, KILLED_LATER))
        .isEqualTo(Expected.EITHER);
    assertThat(TwoWayVerifier.expected(edit(7, 7, 0), STILL, KILLED_LATER))
        .isEqualTo(Expected.EITHER);
  }

  @Test
  void withoutAKillAfterTheLastChangeAnUnrecordedAcknowledgementStillLetsTheEditWin() {
    // the runner records the acknowledgement later; its reverse direction then applies the edit
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT - 1), STILL, List.of()))
        .isEqualTo(Expected.EDIT);
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT - 1), STILL, List.of(90L)))
        .isEqualTo(Expected.EDIT);
  }

  @Test
  void anEditOnAnOlderValueLosesToThePendingChange() {
    assertThat(TwoWayVerifier.expected(edit(7, 6, LAST_COMMIT - 1), STILL, KILLED_LATER))
        .isEqualTo(Expected.WRITER);
  }

  @Test
  void aLaterChangeOfTheKeyOverwritesTheEdit() {
    KeyLedger.Last later = new KeyLedger.Last(8, LAST_COMMIT + 100, 50, 300, 310);
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT), later, KILLED_LATER))
        .isEqualTo(Expected.WRITER);
  }

  @Test
  void aKeyOnlyLoadedInitiallyNeedsNoRecordedAcknowledgement() {
    KeyLedger.Last initial = new KeyLedger.Last(3, 0, Long.MAX_VALUE, 0, 0);
    assertThat(TwoWayVerifier.expected(edit(3, 3, 0), initial, KILLED_LATER))
        .isEqualTo(Expected.EDIT);
  }
}
