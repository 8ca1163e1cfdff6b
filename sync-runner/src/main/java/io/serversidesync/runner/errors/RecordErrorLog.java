package io.serversidesync.runner.errors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs record errors at WARN without flooding the log or leaking data: the first error of a code at
 * once, then at most one line per code per minute with how many there were and one example key and
 * its fields. Never the row's values, nor the destination's message, which may quote them.
 */
final class RecordErrorLog {

  private static final Logger log = LoggerFactory.getLogger(RecordErrorLog.class);
  static final Duration INTERVAL = Duration.ofMinutes(1);

  /** What is known of one code since its last line. */
  private static final class Tally {
    Instant lastLine;
    long unlogged;
    String exampleKey;
    List<String> exampleFields;
  }

  private final Clock clock;
  private final Map<String, Tally> byCode = new LinkedHashMap<>();

  RecordErrorLog(Clock clock) {
    this.clock = clock;
  }

  /** Counts the entries, and writes the lines that are due. */
  synchronized void recorded(List<ErrorEntry> entries) {
    Instant now = clock.instant();
    for (ErrorEntry e : entries) {
      Tally t = byCode.computeIfAbsent(e.code(), c -> new Tally());
      t.unlogged++;
      t.exampleKey = e.upsertKey();
      t.exampleFields = e.fields();
    }
    byCode.forEach(
        (code, t) -> {
          if (t.unlogged > 0 && (t.lastLine == null || !now.isBefore(t.lastLine.plus(INTERVAL)))) {
            log.warn(
                "{} record(s) failed with {}{} (e.g. key {}){}; `sync-runner errors list` shows"
                    + " them",
                t.unlogged,
                code,
                t.exampleFields == null || t.exampleFields.isEmpty()
                    ? ""
                    : " on " + String.join(", ", t.exampleFields),
                t.exampleKey,
                t.lastLine == null ? "" : " in the last minute");
            t.lastLine = now;
            t.unlogged = 0;
          }
        });
  }
}
