package io.serversidesync.runner.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure measured once per round: printed as a BENCH line with the median of the rounds and
 * their min and max, as the capture group prints them.
 */
final class RoundFigures {

  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  double median() {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    if (n == 0) {
      throw new IllegalStateException("no round measured");
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double min() {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  double max() {
    return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  /**
   * Prints {@code BENCH <name> <median> <unit> (median of N rounds; min …, max …)}.
   *
   * @param format the values' format, e.g. {@code %.2f}
   */
  void print(String name, String format, String unit) {
    System.out.printf(
        "BENCH %s %s %s (median of %d rounds; min %s, max %s)%n",
        name,
        String.format(format, median()),
        unit,
        values.size(),
        String.format(format, min()),
        String.format(format, max()));
  }
}
