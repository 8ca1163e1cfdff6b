package io.serversidesync.runner.bench.plots;

import java.util.List;

/**
 * Capture rates of the runner and of {@code pg_recvlogical} on the same WAL, from the capture
 * group's figures: timed from the first change decoded, and from process launch.
 */
record CaptureRates(List<Rate> rates, String rounds) {

  static CaptureRates from(BenchFigures capture) {
    List<Rate> rates =
        List.of(
            rate(capture, "", "from the first change"),
            rate(capture, "_with_startup", "from launch"));
    String note = capture.require("capture_runner_changes_per_s").note();
    int semicolon = note.indexOf(';');
    return new CaptureRates(rates, semicolon > 0 ? note.substring(0, semicolon) : note);
  }

  private static Rate rate(BenchFigures capture, String suffix, String label) {
    return new Rate(
        label,
        capture.value("capture_runner_changes_per_s" + suffix),
        capture.value("capture_pg_recvlogical_changes_per_s" + suffix),
        capture.value("capture_ratio" + suffix));
  }

  /**
   * The two consumers' rates in changes/s, timed one way, and the benchmark's ratio (the median of
   * the rounds' ratios, which need not be the ratio of the medians).
   */
  record Rate(String label, double runner, double recvlogical, double ratio) {}
}
