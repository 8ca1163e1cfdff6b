package io.serversidesync.runner.destination.ratelimit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Remembers what a limiter reported, as "throttled <until> <why>" and "resumed" lines. */
public final class RecordingThrottleListener implements ThrottleListener {

  final List<String> events = new ArrayList<>();
  Instant lastUntil;
  String lastWhy;

  @Override
  public synchronized void throttled(Instant until, String why) {
    lastUntil = until;
    lastWhy = why;
    events.add("throttled " + until);
  }

  @Override
  public synchronized void resumed() {
    events.add("resumed");
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  public synchronized String lastWhy() {
    return lastWhy;
  }
}
