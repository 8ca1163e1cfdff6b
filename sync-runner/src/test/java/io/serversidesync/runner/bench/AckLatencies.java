package io.serversidesync.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Commit → acknowledgement latency per change. A change is acknowledged by the first destination
 * acknowledgement of its key whose version is the change's or a later one: coalescing sends only
 * the latest image of a key, and that image covers every earlier change of the key.
 *
 * <p>Versions are the writers' transaction ids, which grow with commit order for one key because
 * each key is written by one connection, one transaction after the other.
 */
final class AckLatencies {

  /** The header of the samples file {@link #writeMillis} writes. */
  static final String SAMPLES_HEADER = "commit_to_ack_ms";

  private final long[] sortedMicros;
  private final int unacknowledged;

  private AckLatencies(long[] sortedMicros, int unacknowledged) {
    this.sortedMicros = sortedMicros;
    this.unacknowledged = unacknowledged;
  }

  /**
   * @param changes the measured changes with their Postgres commit times
   * @param acks every acknowledgement the destination gave, in any order
   */
  static AckLatencies of(List<CommittedChange> changes, List<Ack> acks) {
    Map<String, List<Ack>> byKey = new HashMap<>();
    for (Ack a : acks) {
      byKey.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
    }
    long[] latencies = new long[changes.size()];
    int n = 0;
    int missing = 0;
    for (CommittedChange c : changes) {
      long first = Long.MAX_VALUE;
      for (Ack a : byKey.getOrDefault(c.key(), List.of())) {
        if (a.version() >= c.version() && a.micros() < first) {
          first = a.micros();
        }
      }
      if (first == Long.MAX_VALUE) {
        missing++;
      } else {
        latencies[n++] = first - c.commitMicros();
      }
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    return new AckLatencies(sorted, missing);
  }

  /** Changes no acknowledgement covers. */
  int unacknowledged() {
    return unacknowledged;
  }

  int acknowledged() {
    return sortedMicros.length;
  }

  /** The nearest-rank percentile in milliseconds, e.g. {@code percentileMillis(99)}. */
  double percentileMillis(double p) {
    if (sortedMicros.length == 0) {
      throw new IllegalStateException("no acknowledged change");
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedMicros.length);
    return sortedMicros[Math.max(0, rank - 1)] / 1000.0;
  }

  /**
   * Writes every acknowledged change's latency, in milliseconds, one a line under the header {@code
   * commit_to_ack_ms}, in ascending order: the data of the latency plot ({@code BenchPlots}).
   */
  void writeMillis(Path file) throws IOException {
    List<String> lines = new ArrayList<>(sortedMicros.length + 1);
    lines.add(SAMPLES_HEADER);
    for (long micros : sortedMicros) {
      lines.add(String.format(Locale.ROOT, "%.3f", micros / 1000.0));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, lines);
  }

  double minMillis() {
    return percentileMillis(0);
  }

  double maxMillis() {
    return percentileMillis(100);
  }

  /** A change: its key, its version (transaction id) and its Postgres commit time (epoch µs). */
  record CommittedChange(String key, long version, long commitMicros) {}

  /** The destination acknowledged {@code version} of {@code key} at {@code micros} (epoch µs). */
  record Ack(String key, long version, long micros) {}
}
