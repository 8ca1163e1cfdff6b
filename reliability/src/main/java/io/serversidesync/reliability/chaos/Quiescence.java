package io.serversidesync.reliability.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The echo-loop check of a two-way run: once nothing changes any more on either side, the runner
 * must go quiet. Quiet means three successive reverse polls during which the destination receives
 * no forward write and the runner applies no row from the destination. A runner that sends its own
 * reverse writes forward, or applies its own forward writes back, never gets there.
 */
final class Quiescence {

  /**
   * What the watch saw.
   *
   * @param quiet whether three polls passed without a forward write or a reverse apply
   * @param polls polls in the last window
   * @param forwardWrites forward write calls during the last window that saw activity
   * @param rowsApplied reverse rows applied during that window
   * @param waited how long it took
   */
  record Result(boolean quiet, int polls, long forwardWrites, long rowsApplied, Duration waited) {}

  static final int POLLS = 3;

  private Quiescence() {}

  /**
   * Waits until three polls pass quietly, or {@code timeout}.
   *
   * @param status the current runner's /status (the runner may be replaced meanwhile)
   * @param forwardWrites write calls the destination received so far
   * @param tick called between samples (waits a little, keeps an eye on the runner)
   */
  static Result await(
      Supplier<Optional<JsonNode>> status,
      LongSupplier forwardWrites,
      Runnable tick,
      Duration timeout) {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    Sample base = null;
    String lastPoll = null;
    int polls = 0;
    long writesSeen = 0;
    long appliedSeen = 0;
    while (System.nanoTime() < deadline) {
      tick.run();
      Optional<JsonNode> s = status.get();
      if (s.isEmpty()) {
        continue;
      }
      JsonNode reverse = s.get().path("reverse");
      Sample now =
          new Sample(
              forwardWrites.getAsLong(),
              reverse.path("rowsApplied").asLong(),
              reverse.path("lastPollTime").asText(""));
      if (base == null || now.writes != base.writes || now.applied != base.applied) {
        if (base != null) {
          writesSeen = now.writes - base.writes;
          appliedSeen = now.applied - base.applied;
        }
        base = now;
        lastPoll = now.lastPoll;
        polls = 0;
        continue;
      }
      if (!now.lastPoll.isEmpty() && !now.lastPoll.equals(lastPoll)) {
        polls++;
        lastPoll = now.lastPoll;
      }
      if (polls >= POLLS) {
        return new Result(true, polls, 0, 0, Duration.ofNanos(System.nanoTime() - t0));
      }
    }
    return new Result(
        false, polls, writesSeen, appliedSeen, Duration.ofNanos(System.nanoTime() - t0));
  }

  private record Sample(long writes, long applied, String lastPoll) {}
}
