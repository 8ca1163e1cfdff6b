package io.serversidesync.runner.coalesce;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.capture.TupleView;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CoalescerTest {

  private static final int[] COLUMNS = {0, 1, 2};
  private static final int[] TYPES = {25, 25, 25};

  /** A row image in its own message buffer; null is NULL, "~" is unchanged TOAST. */
  private static TupleView row(String... values) {
    StringBuilder all = new StringBuilder("hdr");
    for (String v : values) {
      all.append(v == null || v.equals("~") ? "" : v);
    }
    byte[] buffer = all.toString().getBytes(StandardCharsets.UTF_8);
    TupleView view = new TupleView();
    view.reset(buffer, values.length);
    int at = 3;
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      if (v == null) {
        view.set(i, TupleView.NULL, at, 0);
      } else if (v.equals("~")) {
        view.set(i, TupleView.UNCHANGED_TOAST, at, 0);
      } else {
        int length = v.getBytes(StandardCharsets.UTF_8).length;
        view.set(i, TupleView.TEXT, at, length);
        at += length;
      }
    }
    return view;
  }

  private static void upsert(Coalescer c, boolean full, String... values) {
    TupleView view = row(values);
    c.upsert(view.buffer(), view.offset(0), view.length(0), view, COLUMNS, TYPES, full, 1);
  }

  private static void delete(Coalescer c, String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    c.delete(k, 0, k.length, 1);
  }

  private static PendingChange only(PendingCut cut) {
    assertThat(cut.changes()).hasSize(1);
    return cut.changes().get(0);
  }

  @Test
  void keepsOneEntryPerKeyWithTheLatestImage() {
    Coalescer c = new Coalescer(3);
    for (int i = 0; i < 1000; i++) {
      upsert(c, false, "k" + (i % 10), "v" + i, "w");
    }
    assertThat(c.size()).isEqualTo(10);
    PendingCut cut = c.cut(42);
    assertThat(cut.changes()).hasSize(10);
    assertThat(cut.capturedChanges()).isEqualTo(1000);
    assertThat(cut.coveredLsn()).isEqualTo(42);
    PendingChange k3 =
        cut.changes().stream().filter(p -> p.key().equals("k3")).findFirst().orElseThrow();
    assertThat(k3.text(1)).isEqualTo("v993");
    assertThat(k3.changes()).isEqualTo(100);
    assertThat(c.isEmpty()).isTrue();
    assertThat(c.estimatedBytes()).isZero();
  }

  @Test
  void aCutListsKeysInTheOrderTheyFirstChangedSoTheLongestWaitingGoFirst() {
    Coalescer c = new Coalescer(3);
    for (int i = 0; i < 300; i++) {
      upsert(c, false, "k" + (299 - i), "v", "w");
    }
    upsert(c, false, "k299", "again", "w"); // a later change does not move its key back
    delete(c, "k0");
    PendingCut cut = c.cut(1);
    assertThat(cut.changes().get(0).key()).isEqualTo("k299");
    assertThat(cut.changes().get(0).text(1)).isEqualTo("again");
    assertThat(cut.changes().stream().map(PendingChange::key).toList())
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, 300).mapToObj(i -> "k" + (299 - i)).toList());
  }

  @Test
  void unchangedToastKeepsTheEarlierValueOrStaysAbsentNeverNull() {
    Coalescer c = new Coalescer(3);
    upsert(c, true, "k", "a", "big-1");
    upsert(c, false, "k", "b", "~");
    PendingChange merged = only(c.cut(1));
    assertThat(merged.text(1)).isEqualTo("b");
    assertThat(merged.state(2)).isEqualTo(PendingChange.VALUE);
    assertThat(merged.text(2)).isEqualTo("big-1");

    upsert(c, false, "k", "c", "~"); // first change of the key in this window
    PendingChange alone = only(c.cut(2));
    assertThat(alone.state(2)).isEqualTo(PendingChange.ABSENT);
    assertThat(alone.text(2)).isNull();

    upsert(c, false, "k", "d", null);
    assertThat(only(c.cut(3)).state(2)).isEqualTo(PendingChange.NULL);
  }

  @Test
  void deleteThenReinsertEndsAsTheInsertAndInsertThenDeleteAsDelete() {
    Coalescer c = new Coalescer(3);
    upsert(c, true, "k", "a", "x");
    delete(c, "k");
    assertThat(only(c.cut(1)).kind()).isEqualTo(PendingChange.Kind.DELETE);

    delete(c, "k");
    upsert(c, true, "k", "again", "y");
    PendingChange back = only(c.cut(2));
    assertThat(back.kind()).isEqualTo(PendingChange.Kind.UPSERT);
    assertThat(back.text(1)).isEqualTo("again");

    // an update after a delete cannot know the TOAST value: absent, not the deleted one
    upsert(c, true, "k", "a", "big");
    delete(c, "k");
    upsert(c, false, "k", "b", "~");
    assertThat(only(c.cut(3)).state(2)).isEqualTo(PendingChange.ABSENT);
  }

  @Test
  void rejectsTravelWithTheCutAndCountTowardsTheBound() {
    Coalescer c = new Coalescer(3);
    c.reject(new RejectedChange(null, "NULL_UPSERT_KEY", "no key", java.util.List.of(), "{}"), 5);
    assertThat(c.isEmpty()).isFalse();
    assertThat(c.estimatedBytes()).isPositive();
    assertThat(c.oldestCommitMicros()).isEqualTo(5);
    PendingCut cut = c.cut(7);
    assertThat(cut.rejects()).hasSize(1);
    assertThat(cut.changes()).isEmpty();
    assertThat(cut.isEmpty()).isFalse();
  }

  @Test
  void memoryEstimateGrowsWithKeysNotWithChangesOfTheSameKey() {
    Coalescer c = new Coalescer(3);
    upsert(c, true, "k", "a", "x");
    long one = c.estimatedBytes();
    for (int i = 0; i < 100; i++) {
      upsert(c, false, "k", "b" + (i % 10), "x");
    }
    assertThat(c.estimatedBytes()).isBetween(one - 8, one + 8);
    upsert(c, true, "other", "a", "x");
    assertThat(c.estimatedBytes()).isGreaterThan(one + 100);
  }

  private static void newRecord(Coalescer c, String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    c.newRecord(k, 0, k.length);
  }

  @Test
  void aKeyChangesRecordWithAnUnchangedToastValueIsIncompleteUntilAFullImageArrives() {
    Coalescer c = new Coalescer(3);
    upsert(c, false, "KC2-moved", "v", "~"); // the update that moved the row to this key
    newRecord(c, "KC2-moved");
    upsert(c, false, "KC3", "v", "~"); // a plain update: the destination has the record
    upsert(c, false, "KC4-moved", "v", "all there");
    newRecord(c, "KC4-moved"); // nothing left out: nothing to read
    assertThat(c.incompleteKeys()).containsExactly("KC2-moved");
    upsert(c, false, "KC2-moved", "w", "~"); // a later update still leaves it out
    assertThat(c.incompleteKeys()).containsExactly("KC2-moved");
    upsert(c, true, "KC2-moved", "w", "the row read again");
    assertThat(c.incompleteKeys()).isEmpty();
    newRecord(c, "unknown key"); // no entry: nothing happens
    assertThat(c.incompleteKeys()).isEmpty();
  }

  @Test
  void aDeleteEndsTheNeedToReadTheRow() {
    Coalescer c = new Coalescer(3);
    upsert(c, false, "KC2-moved", "v", "~");
    newRecord(c, "KC2-moved");
    delete(c, "KC2-moved");
    assertThat(c.incompleteKeys()).isEmpty();
  }
}
