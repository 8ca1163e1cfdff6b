package io.serversidesync.runner.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The heap bound and collector the runner's JVM runs with, and whether it was chosen on purpose.
 * Started as {@code java -jar} without options on a large machine, the JVM may grow its heap to a
 * quarter of the machine's memory: the runner then holds far more memory than it needs (an
 * independent check saw 1 GB of RSS draining a backlog on a 24 GB machine), so it says so.
 *
 * @param maxHeapBytes what {@link Runtime#maxMemory()} reports
 * @param collector the collector's usual name (Serial, G1, Parallel, …)
 * @param explicit whether a heap bound was given (-Xmx, MaxHeapSize, MaxRAM, MaxRAMPercentage, …),
 *     on the command line or in JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS
 */
public record JvmMemory(long maxHeapBytes, String collector, boolean explicit) {

  /**
   * Above this an implicit heap bound earns a warning: the runner is sized to a few hundred MiB.
   */
  static final long LARGE_HEAP_BYTES = 1L << 30;

  private static final List<String> HEAP_OPTIONS =
      List.of(
          "-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAM", "-XX:MaxRAMPercentage", "-XX:MaxRAMFraction");

  /** This JVM's. */
  public static JvmMemory current() {
    List<String> options =
        new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
      String value = System.getenv(variable);
      if (value != null) {
        options.addAll(List.of(value.trim().split("\\s+")));
      }
    }
    return new JvmMemory(
        Runtime.getRuntime().maxMemory(),
        collector(
            ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .toList()),
        options.stream().anyMatch(o -> HEAP_OPTIONS.stream().anyMatch(o::startsWith)));
  }

  public long maxHeapMiB() {
    return maxHeapBytes >> 20;
  }

  /** One line for the version and the start-up log. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "heap up to %d MiB (%s), %s collector",
        maxHeapMiB(),
        explicit ? "set" : "the JVM's default",
        collector);
  }

  /** A warning when the JVM picked a large heap by itself, with what to do instead. */
  public Optional<String> advice() {
    if (explicit || maxHeapBytes <= LARGE_HEAP_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "the JVM chose a heap of up to %d MiB by itself (a quarter of this machine's memory);"
                + " the runner needs a few hundred MiB and would hold on to what it grows into."
                + " Start it with sync-runner/bin/sync-runner (a runner pod's memory settings), or"
                + " give the JVM -Xmx384m -XX:+UseSerialGC (docs/runner.md, Sizing)",
            maxHeapMiB()));
  }

  /** From the names of the JVM's collector beans. */
  static String collector(List<String> names) {
    if (names.contains("Copy") || names.contains("MarkSweepCompact")) {
      return "Serial";
    }
    if (names.stream().anyMatch(n -> n.startsWith("G1"))) {
      return "G1";
    }
    if (names.stream().anyMatch(n -> n.startsWith("PS "))) {
      return "Parallel";
    }
    return names.isEmpty() ? "unknown" : String.join("/", names);
  }
}
