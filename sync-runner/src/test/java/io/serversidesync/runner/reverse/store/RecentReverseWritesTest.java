package io.serversidesync.runner.reverse.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentReverseWritesTest {

  @Test
  void aChangeCommittedBeforeTheRunnersWriteIsSupersededALaterOneOrAReReadRowIsNot() {
    RecentReverseWrites writes = new RecentReverseWrites();
    writes.put("K", 1_000);
    assertThat(writes.superseded("K", 999)).isTrue();
    assertThat(writes.superseded("K", 1_001)).isFalse();
    assertThat(writes.superseded("K", 0)).isFalse();
    assertThat(writes.superseded("L", 5)).isFalse();
    writes.put("K", 500);
    assertThat(writes.superseded("K", 999)).isTrue();
  }

  @Test
  void writesTheSlotWasConfirmedPastAreForgotten() {
    RecentReverseWrites writes = new RecentReverseWrites();
    writes.put("K", 1_000);
    writes.put("L", 2_000);
    writes.prune(1_500);
    assertThat(writes.size()).isEqualTo(1);
    assertThat(writes.superseded("K", 999)).isFalse();
    assertThat(writes.superseded("L", 1_999)).isTrue();
    writes.prune(0);
    assertThat(writes.size()).isEqualTo(1);
  }
}
