package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmMemoryTest {

  private static final long GIB = 1L << 30;

  @Test
  void aLargeHeapTheJvmChoseByItselfEarnsAWarningThatSaysWhatToDo() {
    JvmMemory memory = new JvmMemory(6 * GIB, "G1", false);

    assertThat(memory.advice())
        .hasValueSatisfying(
            a ->
                assertThat(a)
                    .contains("up to 6144 MiB by itself", "sync-runner/bin/sync-runner", "-Xmx"));
  }

  @Test
  void aHeapSetOnPurposeOrASmallOneIsLeftAlone() {
    assertThat(new JvmMemory(6 * GIB, "G1", true).advice()).isEmpty();
    assertThat(new JvmMemory(GIB / 2, "Serial", false).advice()).isEmpty();
  }

  @Test
  void describesTheBoundAndWhereItCameFrom() {
    assertThat(new JvmMemory(371L << 20, "Serial", true).describe())
        .isEqualTo("heap up to 371 MiB (set), Serial collector");
    assertThat(new JvmMemory(6 * GIB, "G1", false).describe())
        .isEqualTo("heap up to 6144 MiB (the JVM's default), G1 collector");
  }

  @Test
  void namesTheCollectorAsOperatorsKnowIt() {
    assertThat(JvmMemory.collector(List.of("Copy", "MarkSweepCompact"))).isEqualTo("Serial");
    assertThat(JvmMemory.collector(List.of("G1 Young Generation", "G1 Old Generation")))
        .isEqualTo("G1");
    assertThat(JvmMemory.collector(List.of("PS Scavenge", "PS MarkSweep"))).isEqualTo("Parallel");
    assertThat(JvmMemory.collector(List.of("ZGC Cycles", "ZGC Pauses")))
        .isEqualTo("ZGC Cycles/ZGC Pauses");
  }

  @Test
  void theRunningJvmIsDescribed() {
    JvmMemory current = JvmMemory.current();

    assertThat(current.maxHeapBytes()).isPositive();
    assertThat(current.collector()).isNotBlank();
  }
}
