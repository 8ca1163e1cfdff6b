package io.serversidesync.sandbox.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The sandbox's notion of now: the system clock, optionally frozen or shifted, so tests can make
 * many records share one SystemModstamp, expire tokens or roll the daily API window.
 */
public final class SandboxClock {
  private final Clock base;
  private Instant frozenAt;
  private Duration offset = Duration.ZERO;

  public SandboxClock(Clock base) {
    this.base = base;
  }

  public SandboxClock() {
    this(Clock.systemUTC());
  }

  public synchronized Instant now() {
    return frozenAt != null ? frozenAt : base.instant().plus(offset);
  }

  /** Stops time at the current instant. */
  public synchronized void freeze() {
    frozenAt = now();
  }

  /** Stops time at the given instant. */
  public synchronized void freezeAt(Instant instant) {
    frozenAt = instant;
  }

  /** Lets time run again from where it stands. */
  public synchronized void unfreeze() {
    if (frozenAt != null) {
      offset = Duration.between(base.instant(), frozenAt);
      frozenAt = null;
    }
  }

  /** Moves time forward (or back, for a negative duration), frozen or not. */
  public synchronized void advance(Duration by) {
    if (frozenAt != null) {
      frozenAt = frozenAt.plus(by);
    } else {
      offset = offset.plus(by);
    }
  }

  public synchronized boolean frozen() {
    return frozenAt != null;
  }

  /** Back to the system clock. */
  public synchronized void reset() {
    frozenAt = null;
    offset = Duration.ZERO;
  }
}
