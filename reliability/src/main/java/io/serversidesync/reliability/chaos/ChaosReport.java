package io.serversidesync.reliability.chaos;

import io.serversidesync.harness.verify.Verification;
import java.io.PrintStream;

/** The end of a chaos run: the details, then the one CHAOS line a script can parse. */
public final class ChaosReport {

  private ChaosReport() {}

  /**
   * {@code CHAOS keys=… mismatched=… lost=… kills=… api_calls=… api_calls_fault_free=…}. Without a
   * baseline run, {@code api_calls_fault_free=-}; a run against another destination than Salesforce
   * names it first: {@code CHAOS destination=hubspot keys=…}.
   */
  public static String line(ChaosRun.Outcome storm, ChaosRun.Outcome baseline) {
    Verification v = storm.verification();
    return String.format(
        "CHAOS %skeys=%d mismatched=%d lost=%d kills=%d api_calls=%d api_calls_fault_free=%s",
        storm.destination().equals("salesforce") ? "" : "destination=" + storm.destination() + " ",
        v.keys(),
        v.mismatched(),
        v.lost(),
        storm.kills().size(),
        storm.apiCalls(),
        baseline == null ? "-" : Long.toString(baseline.apiCalls()));
  }

  /**
   * {@code CHAOS two_way keys=… mismatched=… lost=… kills=… edits=… edits_won=… edits_superseded=…
   * edits_raced=… edits_lost=… postgres_lost=… ids_missing=… echo_writes=… echo_applied=…
   * api_calls=…}: the two-way run's line (echo_* are the forward writes and reverse applies still
   * seen at the end when the runner never went quiet, 0 when it did).
   */
  public static String twoWayLine(ChaosRun.Outcome run) {
    Verification v = run.verification();
    ChaosRun.TwoWayOutcome t = run.twoWay();
    return String.format(
        "CHAOS two_way keys=%d mismatched=%d lost=%d kills=%d edits=%d edits_won=%d"
            + " edits_superseded=%d edits_raced=%d edits_lost=%d postgres_lost=%d ids_missing=%d"
            + " echo_writes=%d echo_applied=%d api_calls=%d",
        v.keys(),
        v.mismatched(),
        v.lost(),
        run.kills().size(),
        t.verification().edits(),
        t.verification().editsWon(),
        t.verification().editsSuperseded(),
        t.verification().editsRaced(),
        t.verification().editsLost(),
        t.verification().postgresChangesLost(),
        t.verification().idsMissing(),
        t.quiescence().forwardWrites(),
        t.quiescence().rowsApplied(),
        run.apiCalls());
  }

  /** Whether the storm run (and the baseline, when run) lost nothing and proved every moment. */
  public static boolean passed(ChaosRun.Outcome storm, ChaosRun.Outcome baseline) {
    return storm.passed() && (baseline == null || baseline.passed());
  }

  /** What a run observed, in a few lines. */
  public static void details(ChaosRun.Outcome o, PrintStream out) {
    Verification v = o.verification();
    out.printf(
        "  %s: %,d keys (%,d rows, the rest deleted): %,d equal, %,d lost, %,d mismatched;"
            + " %d unresolved errors; %,d data API calls; faults injected %s and %,d records"
            + " failed UNABLE_TO_LOCK_ROW; %.0f s%n",
        o.sync(),
        v.keys(),
        v.rows(),
        v.matched(),
        v.lost(),
        v.mismatched(),
        v.unresolvedErrors(),
        o.apiCalls(),
        o.stats().faults(),
        o.stats().records("failed.UNABLE_TO_LOCK_ROW"),
        o.elapsed().toMillis() / 1000.0);
    v.examples().forEach(e -> out.println("    " + e));
    if (o.twoWay() != null) {
      var t = o.twoWay().verification();
      out.printf(
          "  two-way: %d destination edits: %d won, %d beaten by a Postgres change (SourceWins;"
              + " %d of them on purpose),"
              + " %d raced (%d of them made before the runner recorded its write of the key),"
              + " %d LOST; %d rows not the writer's last change; %d ids missing;"
              + " %s; the editor's own %,d API calls are not counted above%n",
          t.edits(),
          t.editsWon(),
          t.editsSuperseded(),
          t.supersededOnPurpose(),
          t.editsRaced(),
          t.racedUnrecorded(),
          t.editsLost(),
          t.postgresChangesLost(),
          t.idsMissing(),
          o.twoWay().quiescence().quiet() ? "quiet at the end (no echo loop)" : "NEVER QUIET",
          o.twoWay().editorCalls());
      t.examples().forEach(e -> out.println("    " + e));
    }
    if (!o.unprovenMoments().isEmpty()) {
      out.println("  moments never proven: " + o.unprovenMoments());
    }
    if (!o.unexpectedExits().isEmpty()) {
      out.println("  runners that exited by themselves: " + o.unexpectedExits().size());
    }
    if (!o.drained()) {
      out.println("  the runner did not confirm everything in time");
    }
    if (o.finalExit() != 0) {
      out.println("  the runner's exit code after SIGTERM: " + o.finalExit());
    }
    out.println("  " + (o.passed() ? "PASSED" : "FAILED"));
  }
}
