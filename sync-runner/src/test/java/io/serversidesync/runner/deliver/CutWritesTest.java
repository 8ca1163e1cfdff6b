package io.serversidesync.runner.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.capture.TupleView;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.coalesce.PendingChange;
import io.serversidesync.runner.destination.KeyMatching;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutWritesTest {

  /** A cut of upserts and deletes, in the order given: "+key" upserts, "-key" deletes. */
  private static List<PendingChange> cut(String... changes) {
    Coalescer c = new Coalescer(1);
    for (String change : changes) {
      byte[] key = change.substring(1).getBytes(StandardCharsets.UTF_8);
      if (change.startsWith("-")) {
        c.delete(key, 0, key.length, 1);
      } else {
        TupleView row = new TupleView();
        row.reset(key, 1);
        row.set(0, TupleView.TEXT, 0, key.length);
        c.upsert(key, 0, key.length, row, new int[] {0}, new int[] {25}, true, 1);
      }
    }
    return c.cut(0).changes();
  }

  private static List<String> keys(List<PendingChange> changes) {
    return changes.stream().map(PendingChange::key).toList();
  }

  @Test
  void aCaseOnlyKeyChangeIsOneUpsertForACaseInsensitiveDestination() {
    CutWrites writes =
        CutWrites.of(
            cut("-kc3", "+KC3", "-kc4", "+KC4", "-gone", "+new"), KeyMatching.IGNORING_CASE);
    assertThat(keys(writes.upserts())).containsExactly("KC3", "KC4", "new");
    assertThat(keys(writes.deletes())).containsExactly("gone");
    assertThat(keys(writes.merged())).containsExactly("kc3", "kc4");
  }

  @Test
  void anExactDestinationDeletesTheOtherSpelling() {
    CutWrites writes = CutWrites.of(cut("-kc3", "+KC3"), KeyMatching.EXACT);
    assertThat(keys(writes.deletes())).containsExactly("kc3");
    assertThat(keys(writes.upserts())).containsExactly("KC3");
    assertThat(writes.merged()).isEmpty();
  }
}
