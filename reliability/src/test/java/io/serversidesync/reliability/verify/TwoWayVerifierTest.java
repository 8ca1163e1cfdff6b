package io.serversidesync.reliability.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.reliability.twoway.DestinationEdit;
import io.serversidesync.reliability.verify.TwoWayVerifier.Expected;
import io.serversidesync.reliability.workload.KeyLedger;
import org.junit.jupiter.api.Test;

/** What an edit's key must end as, from what Postgres, the destination and the runner held. */
class TwoWayVerifierTest {

  private static final long LAST_COMMIT = 5_000;

  /** The key's last change committed at t=100..110 with seq 7; the edit ran at t=200..210. */
  private static final KeyLedger.Last STILL = new KeyLedger.Last(7, LAST_COMMIT, 50, 100, 110);

  private static DestinationEdit edit(long postgresSeq, long destinationSeq, long acknowledgedLsn) {
    return edit(postgresSeq, destinationSeq, acknowledgedLsn, true);
  }

  private static DestinationEdit edit(
      long postgresSeq, long destinationSeq, long acknowledgedLsn, boolean confirmed) {
    return new DestinationEdit(
        1,
        "K-1",
        "edit-1-K-1",
        false,
        postgresSeq,
        destinationSeq,
        confirmed,
        acknowledgedLsn,
        200,
        210,
        false);
  }

  @Test
  void anEditOnTheAcknowledgedLastChangeMustWin() {
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT + 80), STILL))
        .isEqualTo(Expected.EDIT);
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT), STILL)).isEqualTo(Expected.EDIT);
  }

  @Test
  void anEditOnALastChangeTheRunnerHasNotRecordedMayEndEitherWay() {
    // the runner cannot tell whether its write landed before or after the edit: under SourceWins
    // it sends the change again when it reads the edit first (or is killed before recording)
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT - 1), STILL))
        .isEqualTo(Expected.UNRECORDED);
    assertThat(TwoWayVerifier.expected(edit(7, 7, 0), STILL)).isEqualTo(Expected.UNRECORDED);
  }

  @Test
  void anEditOnAnOlderValueLosesToThePendingChange() {
    assertThat(TwoWayVerifier.expected(edit(7, 6, LAST_COMMIT - 1), STILL))
        .isEqualTo(Expected.WRITER);
  }

  @Test
  void aLaterChangeOfTheKeyOverwritesTheEdit() {
    KeyLedger.Last later = new KeyLedger.Last(8, LAST_COMMIT + 100, 50, 300, 310);
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT), later)).isEqualTo(Expected.WRITER);
  }

  @Test
  void aLaterChangeOverwritesEvenAnEditWhoseBaseIsNotKnown() {
    KeyLedger.Last later = new KeyLedger.Last(8, LAST_COMMIT + 100, 50, 300, 310);
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT, false), later))
        .isEqualTo(Expected.WRITER);
    // without the later change, an edit whose base is not known may end either way
    assertThat(TwoWayVerifier.expected(edit(7, 7, LAST_COMMIT, false), STILL))
        .isEqualTo(Expected.EITHER);
  }

  @Test
  void aKeyOnlyLoadedInitiallyNeedsNoRecordedAcknowledgement() {
    KeyLedger.Last initial = new KeyLedger.Last(3, 0, Long.MAX_VALUE, 0, 0);
    assertThat(TwoWayVerifier.expected(edit(3, 3, 0), initial)).isEqualTo(Expected.EDIT);
  }
}
