package io.serversidesync.runner.destination.salesforce;

import io.serversidesync.runner.destination.DestinationTelemetry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Remembers what a destination reported. Thread-safe. */
public final class RecordingTelemetry implements DestinationTelemetry {

  private final List<String> calls = new ArrayList<>();
  private final List<String> retries = new ArrayList<>();
  private final List<String> throttles = new ArrayList<>();
  private int resumes;

  @Override
  public synchronized void apiCall(String endpoint, int httpStatus) {
    calls.add(endpoint + " " + httpStatus);
  }

  @Override
  public synchronized void retried(String code) {
    retries.add(code);
  }

  @Override
  public synchronized void throttled(Instant until, String why) {
    throttles.add(until + " " + why);
  }

  @Override
  public synchronized void resumed() {
    resumes++;
  }

  /** "endpoint status" per API call, in order. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized long calls(String endpoint) {
    return calls.stream().filter(c -> c.startsWith(endpoint + " ")).count();
  }

  public synchronized List<String> retries() {
    return List.copyOf(retries);
  }

  public synchronized List<String> throttles() {
    return List.copyOf(throttles);
  }

  public synchronized int resumes() {
    return resumes;
  }
}
