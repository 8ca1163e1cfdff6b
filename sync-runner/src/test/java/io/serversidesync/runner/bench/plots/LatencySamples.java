package io.serversidesync.runner.bench.plots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The latency benchmark's commit → acknowledgement latencies, in milliseconds, as it writes them to
 * {@code target/bench/latency-samples.csv}: one a line, under a header.
 */
final class LatencySamples {

  private final double[] sortedMillis;

  private LatencySamples(double[] sortedMillis) {
    this.sortedMillis = sortedMillis;
  }

  static LatencySamples read(Path file) throws IOException {
    return parse(Files.readAllLines(file));
  }

  /** The numbers of {@code lines}; a header or a blank line is skipped, anything else is wrong. */
  static LatencySamples parse(List<String> lines) {
    double[] values = new double[lines.size()];
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || (i == 0 && !Character.isDigit(line.charAt(0)))) {
        continue;
      }
      try {
        values[n++] = Double.parseDouble(line);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " is not a latency: " + line, e);
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("no latency samples");
    }
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return new LatencySamples(sorted);
  }

  int count() {
    return sortedMillis.length;
  }

  /** The nearest-rank percentile, as the benchmark computes its p50 and p99. */
  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sortedMillis.length);
    return sortedMillis[Math.max(0, rank - 1)];
  }

  double max() {
    return sortedMillis[sortedMillis.length - 1];
  }

  /**
   * The samples counted in bins of {@code widthMillis}, [from, to), from the bin of the smallest to
   * the bin of the largest, empty bins included.
   */
  List<Bin> histogram(double widthMillis) {
    if (!(widthMillis > 0)) {
      throw new IllegalArgumentException("bin width " + widthMillis);
    }
    long first = (long) Math.floor(sortedMillis[0] / widthMillis);
    long last = (long) Math.floor(max() / widthMillis);
    int[] counts = new int[(int) (last - first + 1)];
    for (double v : sortedMillis) {
      counts[(int) ((long) Math.floor(v / widthMillis) - first)]++;
    }
    List<Bin> bins = new ArrayList<>(counts.length);
    for (int i = 0; i < counts.length; i++) {
      double from = (first + i) * widthMillis;
      bins.add(new Bin(from, from + widthMillis, counts[i]));
    }
    return bins;
  }

  /** {@code count} samples were at least {@code fromMillis} and less than {@code toMillis}. */
  record Bin(double fromMillis, double toMillis, int count) {}
}
