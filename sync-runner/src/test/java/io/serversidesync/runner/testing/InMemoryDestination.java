package io.serversidesync.runner.testing;

import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.DestinationRules;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.StoredForm;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A destination in memory for tests: keeps the latest record per external id, and can hold
 * acknowledgements back, fail chosen records, or throw each kind of {@link DestinationException}.
 */
public final class InMemoryDestination implements Destination {

  @Override
  public DestinationRules rules() {
    return new DestinationRules(18, StoredForm.EMPTY_TEXT_AS_NULL);
  }

  public final Map<String, Map<String, Object>> records = new ConcurrentHashMap<>();
  public final List<String> deleted = new CopyOnWriteArrayList<>();

  /** Every request's records, in order of arrival. */
  public final List<List<DestinationRecord>> requests = new CopyOnWriteArrayList<>();

  /** The path of every request, in order of arrival. */
  public final List<String> requestPaths = new CopyOnWriteArrayList<>();

  private static final DeliveryPath COLLECTIONS =
      DeliveryPath.perCall("collections", 200, 0, 1, Duration.ofMillis(50));
  private volatile List<DeliveryPath> paths = List.of(COLLECTIONS);

  /** When each external id was first accepted. */
  public final Map<String, Instant> firstAcceptedAt = new ConcurrentHashMap<>();

  public final AtomicInteger calls = new AtomicInteger();
  private final ConcurrentLinkedQueue<Supplier<DestinationException>> failures =
      new ConcurrentLinkedQueue<>();
  private volatile Function<DestinationRecord, RecordOutcome> outcomes = r -> null;
  private volatile DestinationException preflightFailure;
  private volatile DestinationException refusal;
  private volatile int failAt = Integer.MAX_VALUE;
  private volatile DestinationException failAtException;
  private final Object gate = new Object();
  private boolean holding;
  private DestinationTelemetry telemetry = DestinationTelemetry.NOOP;

  public InMemoryDestination telemetry(DestinationTelemetry telemetry) {
    this.telemetry = telemetry;
    return this;
  }

  /** Makes writes wait (unacknowledged) until {@link #release()}. */
  public void hold() {
    synchronized (gate) {
      holding = true;
    }
  }

  public void release() {
    synchronized (gate) {
      holding = false;
      gate.notifyAll();
    }
  }

  /** The next requests throw these, one each. */
  public void failNextRequests(DestinationException... exceptions) {
    for (DestinationException e : exceptions) {
      failures.add(() -> e);
    }
  }

  /**
   * The next request throws what {@code failure} makes when the request arrives (e.g. a throttle
   * until a time relative to the request).
   */
  public void failNextRequest(Supplier<DestinationException> failure) {
    failures.add(failure);
  }

  /**
   * Every request throws {@code e} until {@link #accept()}: a refusal the test decides the end of.
   */
  public void refuse(DestinationException e) {
    refusal = e;
  }

  public void accept() {
    refusal = null;
  }

  /** Per-record outcome override: return null for the normal Ok. */
  public void outcomes(Function<DestinationRecord, RecordOutcome> outcomes) {
    this.outcomes = outcomes;
  }

  /** Once this many records are held, every request throws {@code e}. */
  public void failOnceHolding(int records, DestinationException e) {
    this.failAt = records;
    this.failAtException = e;
  }

  public void failPreflight(DestinationException e) {
    preflightFailure = e;
  }

  @Override
  public void preflight(List<String> fields) throws DestinationException {
    DestinationException e = preflightFailure;
    if (e != null) {
      throw e;
    }
  }

  @Override
  public List<DeliveryPath> deliveryPaths() {
    return paths;
  }

  /**
   * Offers a second, bulk-like path too: 10,000 records a request at 10 calls, 20 s (the planner
   * takes it for large batches whose latency budget allows it).
   */
  public InMemoryDestination withBulkPath() {
    paths = List.of(COLLECTIONS, DeliveryPath.job("bulk", 10_000, 0, 10, Duration.ofSeconds(20)));
    return this;
  }

  @Override
  public WriteResult write(
      DeliveryPath path, WriteOperation operation, List<DestinationRecord> batch)
      throws DestinationException {
    synchronized (gate) {
      while (holding) {
        try {
          gate.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DestinationException(
              DestinationException.Kind.TRANSIENT, "Interrupted", "interrupted", null, e);
        }
      }
    }
    calls.incrementAndGet();
    telemetry.apiCall("collections-" + operation.name().toLowerCase(), 200);
    if (records.size() >= failAt) {
      throw failAtException;
    }
    DestinationException refused = refusal;
    if (refused != null) {
      throw refused;
    }
    Supplier<DestinationException> failure = failures.poll();
    if (failure != null) {
      throw failure.get();
    }
    requests.add(List.copyOf(batch));
    requestPaths.add(path.name());
    List<RecordOutcome> result = new ArrayList<>();
    for (DestinationRecord record : batch) {
      RecordOutcome outcome = outcomes.apply(record);
      if (outcome == null) {
        firstAcceptedAt.putIfAbsent(record.externalId(), Instant.now());
        if (operation == WriteOperation.DELETE) {
          records.remove(record.externalId());
          deleted.add(record.externalId());
        } else {
          records.merge(
              record.externalId(),
              new ConcurrentHashMap<>(nullSafe(record.fields())),
              (old, now) -> {
                old.putAll(now);
                return old;
              });
        }
        outcome = new RecordOutcome.Ok(null, false);
      }
      result.add(outcome);
    }
    return new WriteResult(result);
  }

  /** ConcurrentHashMap takes no null values: nulls are stored as this marker. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "NULL";
        }
      };

  private static Map<String, Object> nullSafe(Map<String, Object> fields) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>();
    fields.forEach((k, v) -> copy.put(k, v == null ? NULL : v));
    return copy;
  }

  @Override
  public void close() {}
}
