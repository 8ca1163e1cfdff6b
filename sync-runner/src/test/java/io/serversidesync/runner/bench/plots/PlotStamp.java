package io.serversidesync.runner.bench.plots;

import java.time.LocalDate;

/** When and where a plot's figures were measured, and how to measure them again. */
record PlotStamp(LocalDate date, String machine) {

  String line(String group) {
    return "Measured " + date + " on " + machine + ". Reproduce: make bench ONLY=" + group;
  }
}
