package io.serversidesync.runner.testing;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.PostgresSettings;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.RetryPolicy;
import io.serversidesync.runner.engine.EngineOptions;
import io.serversidesync.runner.engine.SyncEngine;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.status.RunnerTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a {@link SyncEngine} on a thread against the test database and an in-memory destination. */
public final class EngineHarness implements AutoCloseable {

  public static final EngineOptions FAST =
      new EngineOptions(
          Duration.ofMillis(500),
          new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 4, Duration.ofMillis(200)),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofMillis(200),
          10);

  public final SyncSettings settings;
  public final InMemoryDestination destination;
  public final RunnerState state;
  public final SyncEngine engine;
  public final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  public EngineHarness(
      SyncSettings settings, InMemoryDestination destination, EngineOptions options) {
    this.settings = settings;
    this.state = new RunnerState(settings.name());
    this.destination = destination.telemetry(new RunnerTelemetry(state));
    this.engine = new SyncEngine(settings, destination, state, options);
    this.thread =
        new Thread(
            () -> {
              try {
                engine.run();
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "engine-" + settings.name());
  }

  public EngineHarness start() {
    thread.start();
    return this;
  }

  public boolean running() {
    return thread.isAlive();
  }

  /** Stops gracefully and waits. */
  public void stop() throws InterruptedException {
    engine.stop();
    thread.join(60_000);
    if (thread.isAlive()) {
      thread.interrupt();
      thread.join(10_000);
      throw new AssertionError("engine did not stop within 60 s");
    }
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while stopping the engine", e);
      }
    }
  }

  /** Settings for table {@code table} keyed by {@code ref}, mapping the given columns. */
  public static SyncSettings settings(
      PostgresDatabase db, String name, String table, DeletePolicy deletes, String... columns) {
    List<FieldMap> mapping =
        java.util.Arrays.stream(columns).map(c -> new FieldMap(c, field(c))).toList();
    return SyncSettings.builder()
        .name(name)
        .schema("public")
        .table(table)
        .upsertKey("ref")
        .mapping(mapping)
        .deletes(deletes)
        .maxRecords(200)
        .maxDelay(Duration.ofMillis(200))
        .maxPendingKeys(1_000_000)
        .maxPendingBytes(256L << 20)
        .maxConcurrent(2)
        .postgres(
            new PostgresSettings(
                db.host(), db.port(), db.name(), db.user(), db.password(), SslMode.DISABLE, null))
        .build();
  }

  /** The field a column maps to in these tests: ref → Ref__c, first_name → First_name__c. */
  public static String field(String column) {
    return Character.toUpperCase(column.charAt(0)) + column.substring(1) + "__c";
  }
}
