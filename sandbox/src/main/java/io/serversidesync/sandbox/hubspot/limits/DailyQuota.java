package io.serversidesync.sandbox.hubspot.limits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The account's daily request count: it starts again at midnight in the account's time zone (on the
 * sandbox clock). Thread-safe.
 */
public final class DailyQuota {
  private final ZoneId zone;
  private final long limit;
  private LocalDate day;
  private long used;

  public DailyQuota(ZoneId zone, long limit) {
    this.zone = zone;
    this.limit = limit;
  }

  /** Counts a call; returns today's count, this call included. */
  public synchronized long record(Instant now) {
    roll(now);
    return ++used;
  }

  public synchronized long used(Instant now) {
    roll(now);
    return used;
  }

  /** Sets today's count (tests of the DAILY limit). */
  public synchronized void setUsed(Instant now, long value) {
    roll(now);
    used = value;
  }

  public long limit() {
    return limit;
  }

  public ZoneId zone() {
    return zone;
  }

  public synchronized void clear() {
    day = null;
    used = 0;
  }

  private void roll(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    if (!today.equals(day)) {
      day = today;
      used = 0;
    }
  }
}
