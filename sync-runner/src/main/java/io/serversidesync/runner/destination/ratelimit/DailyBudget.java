package io.serversidesync.runner.destination.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The sync's share of the org's rolling 24-hour API allocation, plus the org-wide allocation
 * itself.
 *
 * <p>Two limits apply. The sync's own requests over the last 24 hours (counted here, per minute)
 * may not exceed {@code share × allocation}. And no request goes out while the org as a whole has
 * spent its allocation: the usage the destination reports includes every other integration of the
 * org, so a sync can be stopped by others' usage even with its own share unspent. The org's usage
 * falls as old requests leave the rolling window, which nobody can see in advance, so while it is
 * spent one request is let through every probe interval to read the current figure.
 *
 * <p>Until the destination has reported the allocation once, only the org-wide rule can apply (the
 * first request of a sync, normally the preflight describe, reports it).
 */
final class DailyBudget {

  private static final int MINUTES = 24 * 60;

  private final double share;
  private final Duration probeInterval;
  private final long[] perMinute = new long[MINUTES];
  private long newestMinute = Long.MIN_VALUE;
  private long ownTotal;

  private long orgUsed = -1;
  private long orgMax = -1;
  private boolean orgSpent;
  private Instant nextProbe;

  DailyBudget(double share, Duration probeInterval) {
    this.share = share;
    this.probeInterval = probeInterval;
  }

  /** Why requests must wait, and until when. */
  record Block(Instant until, String why) {}

  /** Counts one request of this sync. */
  synchronized void record(Instant now) {
    long minute = advance(now);
    perMinute[Math.floorMod(minute, MINUTES)]++;
    ownTotal++;
  }

  /** Takes in the org-wide usage the destination reported (all integrations). */
  synchronized void observe(long used, long max, Instant now) {
    if (max <= 0 || used < 0) {
      return;
    }
    orgUsed = used;
    orgMax = max;
    if (used >= max) {
      markOrgSpent(now);
    } else {
      orgSpent = false;
      nextProbe = null;
    }
  }

  /** The destination refused a request because the org's allocation is spent. */
  synchronized void markOrgSpent(Instant now) {
    orgSpent = true;
    if (nextProbe == null || !nextProbe.isAfter(now)) {
      nextProbe = now.plus(probeInterval);
    }
  }

  /** Returns null when a request may go now, else why and until when it must wait. */
  synchronized Block check(Instant now) {
    long minute = advance(now);
    long ownLimit = ownLimit();
    if (ownLimit >= 0 && ownTotal >= ownLimit) {
      return new Block(
          oldestExpiry(minute),
          String.format(
              "daily API budget spent: this sync made %d requests in the last 24 h, its share"
                  + " is %d (%s of the org's allocation of %d)",
              ownTotal, ownLimit, percent(), orgMax));
    }
    if (orgSpent) {
      if (!now.isBefore(nextProbe)) {
        // Let this one request through to learn the current usage; the next waits a while.
        nextProbe = now.plus(probeInterval);
        return null;
      }
      return new Block(
          nextProbe,
          String.format(
              "the org's daily API allocation is spent (api-usage %d/%d, all integrations);"
                  + " checking again every %ds",
              Math.max(orgUsed, 0), Math.max(orgMax, 0), probeInterval.toSeconds()));
    }
    return null;
  }

  /** This sync's requests in the last 24 hours. */
  synchronized long ownUsage(Instant now) {
    advance(now);
    return ownTotal;
  }

  /** share × allocation, or -1 while the allocation is unknown. */
  synchronized long ownLimit() {
    return orgMax > 0 ? (long) Math.floor(share * orgMax) : -1;
  }

  private String percent() {
    return Math.round(share * 100) + "%";
  }

  /** Drops the minutes that left the window; returns the current minute. */
  private long advance(Instant now) {
    long minute = Math.floorDiv(now.getEpochSecond(), 60);
    if (newestMinute == Long.MIN_VALUE) {
      newestMinute = minute;
      return minute;
    }
    if (minute > newestMinute) {
      long clearFrom = Math.max(newestMinute + 1, minute - MINUTES + 1);
      for (long m = clearFrom; m <= minute; m++) {
        int slot = Math.floorMod(m, MINUTES);
        ownTotal -= perMinute[slot];
        perMinute[slot] = 0;
      }
      newestMinute = minute;
    }
    return newestMinute;
  }

  /** When the oldest counted minute leaves the 24-hour window. */
  private Instant oldestExpiry(long currentMinute) {
    for (long m = currentMinute - MINUTES + 1; m <= currentMinute; m++) {
      if (perMinute[Math.floorMod(m, MINUTES)] > 0) {
        return Instant.ofEpochSecond((m + MINUTES) * 60).truncatedTo(ChronoUnit.MINUTES);
      }
    }
    return Instant.ofEpochSecond((currentMinute + 1) * 60);
  }
}
