package io.serversidesync.runner.coalesce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingIndexTest {

  private static PendingChange entry(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return new PendingChange(bytes, PendingIndex.hash(bytes, 0, bytes.length), 1);
  }

  /** Looks {@code key} up as it lies inside a larger message, between other bytes. */
  private static PendingChange find(PendingIndex index, String key) {
    byte[] message = ("xx" + key + "yyy").getBytes(StandardCharsets.UTF_8);
    int length = key.getBytes(StandardCharsets.UTF_8).length;
    return index.get(message, 2, length, PendingIndex.hash(message, 2, length));
  }

  @Test
  void hashIsArraysHashCodeOfTheRange() {
    byte[] bytes = "C-12345é".getBytes(StandardCharsets.UTF_8);
    assertThat(PendingIndex.hash(bytes, 0, bytes.length)).isEqualTo(Arrays.hashCode(bytes));
    byte[] inside = "..C-1..".getBytes(StandardCharsets.UTF_8);
    assertThat(PendingIndex.hash(inside, 2, 3))
        .isEqualTo(Arrays.hashCode("C-1".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void findsAddedKeysByTheirBytesAndNothingElse() {
    PendingIndex index = new PendingIndex(0);
    PendingChange a = entry("C-1");
    PendingChange b = entry("C-10");
    index.add(a);
    index.add(b);
    assertThat(find(index, "C-1")).isSameAs(a);
    assertThat(find(index, "C-10")).isSameAs(b);
    assertThat(find(index, "C-100")).isNull();
    assertThat(find(index, "c-1")).isNull();
    assertThat(find(index, "")).isNull();
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.isEmpty()).isFalse();
    assertThat(new PendingIndex(5).isEmpty()).isTrue();
  }

  @Test
  void keysWithTheSameHashAreToldApart() {
    // "Aa" and "BB" have the same polynomial hash
    PendingIndex index = new PendingIndex(0);
    PendingChange aa = entry("Aa");
    PendingChange bb = entry("BB");
    assertThat(aa.hash).isEqualTo(bb.hash);
    index.add(aa);
    assertThat(find(index, "BB")).isNull();
    index.add(bb);
    assertThat(find(index, "Aa")).isSameAs(aa);
    assertThat(find(index, "BB")).isSameAs(bb);
  }

  @Test
  void growsPastItsSizeAndKeepsTheOrderKeysWereAdded() {
    PendingIndex index = new PendingIndex(3);
    List<PendingChange> added = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      PendingChange e = entry("C-" + (i * 7919 % 10_000));
      added.add(e);
      index.add(e);
    }
    assertThat(index.size()).isEqualTo(10_000);
    assertThat(index.entries()).containsExactlyElementsOf(added);
    for (PendingChange e : added) {
      assertThat(find(index, e.key())).isSameAs(e);
    }
    assertThat(find(index, "C-10000")).isNull();
  }
}
