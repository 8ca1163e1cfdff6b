package io.serversidesync.runner.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckpointTest {

  @Test
  void confirmsACutOnlyOnceDeliveredAndNeverMovesBack() {
    Checkpoint c = new Checkpoint(100);
    c.cut(500);
    assertThat(c.confirmable()).isEqualTo(100);
    c.idle(900, true, false); // a cut in flight: the server's position is not confirmable
    assertThat(c.confirmable()).isEqualTo(100);
    c.delivered();
    assertThat(c.confirmable()).isEqualTo(500);
    c.cut(0); // a cut without WAL position (replays)
    c.delivered();
    assertThat(c.confirmable()).isEqualTo(500);
  }

  @Test
  void idleAdvancesOnlyWhenNothingIsPendingOrHalfRead() {
    Checkpoint c = new Checkpoint(100);
    c.idle(200, false, false);
    assertThat(c.confirmable()).isEqualTo(100);
    c.idle(200, true, true);
    assertThat(c.confirmable()).isEqualTo(100);
    c.idle(200, true, false);
    assertThat(c.confirmable()).isEqualTo(200);
  }

  @Test
  void oneCutAtATime() {
    Checkpoint c = new Checkpoint(0);
    c.cut(1);
    assertThatThrownBy(() -> c.cut(2)).isInstanceOf(IllegalStateException.class);
    c.delivered();
    assertThatThrownBy(c::delivered).isInstanceOf(IllegalStateException.class);
  }
}
