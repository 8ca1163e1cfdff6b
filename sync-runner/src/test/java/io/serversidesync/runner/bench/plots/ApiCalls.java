package io.serversidesync.runner.bench.plots;

import java.util.List;

/**
 * API calls per 100,000 changes, from the api group's figures: one call per change (by definition,
 * 100,000) against the runner catching up and streaming.
 */
record ApiCalls(List<Bar> bars) {

  static final double PER = 100_000;

  static ApiCalls from(BenchFigures api) {
    return new ApiCalls(
        List.of(
            new Bar("one call per change", PER),
            new Bar("ServerSideSync, catch-up", api.value("api_calls_per_100k_changes_catch_up")),
            new Bar(
                "ServerSideSync, streaming", api.value("api_calls_per_100k_changes_streaming"))));
  }

  /** A bar: its label and its calls per 100,000 changes. */
  record Bar(String label, double calls) {

    /** The share of the one-call-per-change baseline's calls saved, in %. */
    double reductionPct() {
      return 100.0 * (PER - calls) / PER;
    }
  }
}
