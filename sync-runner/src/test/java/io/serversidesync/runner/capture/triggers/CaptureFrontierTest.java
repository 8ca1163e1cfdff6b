package io.serversidesync.runner.capture.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureFrontierTest {

  @Test
  void aRoundsPositionCountsOnceEveryTransactionBeforeItIsOver() {
    CaptureFrontier frontier = new CaptureFrontier(0);
    // round 1: position 100 before its snapshot, next xid 50, nothing running
    assertThat(frontier.round(100, 50, 50, true)).isEqualTo(100);
    // round 2 at 200: transaction 50 is still running (xmin 50), so what committed before 200
    // may include transactions 50..59 that are not read yet
    assertThat(frontier.round(200, 50, 60, true)).isEqualTo(100);
    assertThat(frontier.round(300, 50, 70, true)).isEqualTo(100);
    // transaction 50 ended; 60..69 run: 200 (xmax 60) is safe, 300 (xmax 70) not yet
    assertThat(frontier.round(400, 60, 75, true)).isEqualTo(200);
    assertThat(frontier.round(500, 80, 80, true)).isEqualTo(500);
  }

  @Test
  void aRoundCutShortByItsLimitMovesNothing() {
    CaptureFrontier frontier = new CaptureFrontier(0);
    assertThat(frontier.round(100, 50, 50, false)).isZero();
    assertThat(frontier.round(200, 60, 60, true)).isEqualTo(200);
  }

  @Test
  void neverMovesBackAndHoldsAFewCandidatesWhileAnOldTransactionStaysOpen() {
    CaptureFrontier frontier = new CaptureFrontier(1_000);
    assertThat(frontier.round(500, 10, 10, true)).isEqualTo(1_000);
    for (int i = 1; i <= 5_000; i++) {
      assertThat(frontier.round(1_000 + i, 10, 10 + i, true)).isEqualTo(1_000);
    }
    // merged candidates are only ever stricter: with transactions up to 6,000 maybe unread, the
    // frontier stays behind 6,000 (the merged ones wait for the newest); then it catches up
    assertThat(frontier.round(7_000, 5_500, 6_000, true)).isBetween(2_000L, 6_000L);
    assertThat(frontier.round(7_001, 6_000, 6_000, true)).isEqualTo(7_001);
  }
}
