package io.serversidesync.sandbox.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls by endpoint, responses by status, records by outcome and injected faults. */
public final class SandboxStats {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> records = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> tokens = new ConcurrentHashMap<>();

  public void call(String endpoint) {
    add(calls, endpoint, 1);
  }

  public void status(int status) {
    add(statuses, Integer.toString(status), 1);
  }

  /** A record outcome: created, updated, deleted, or failed with an error code. */
  public void record(String outcome) {
    add(records, outcome, 1);
  }

  public void fault(String kind) {
    add(faults, kind, 1);
  }

  /** A token request outcome: issued or the OAuth error code. */
  public void token(String outcome) {
    add(tokens, outcome, 1);
  }

  public long calls(String endpoint) {
    LongAdder a = calls.get(endpoint);
    return a == null ? 0 : a.sum();
  }

  public long records(String outcome) {
    LongAdder a = records.get(outcome);
    return a == null ? 0 : a.sum();
  }

  public long faults(String kind) {
    LongAdder a = faults.get(kind);
    return a == null ? 0 : a.sum();
  }

  public StatsSnapshot snapshot() {
    return new StatsSnapshot(
        copy(calls), copy(statuses), copy(records), copy(faults), copy(tokens));
  }

  public void reset() {
    calls.clear();
    statuses.clear();
    records.clear();
    faults.clear();
    tokens.clear();
  }

  private static void add(Map<String, LongAdder> map, String key, long n) {
    map.computeIfAbsent(key, k -> new LongAdder()).add(n);
  }

  private static Map<String, Long> copy(Map<String, LongAdder> map) {
    Map<String, Long> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
