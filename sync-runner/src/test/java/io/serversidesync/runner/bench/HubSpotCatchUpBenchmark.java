package io.serversidesync.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.harness.hubspot.HubSpotCalls;
import io.serversidesync.harness.hubspot.HubSpotRecords;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.verify.Verification;
import io.serversidesync.harness.verify.Verifier;
import io.serversidesync.harness.workload.ContactsLoad;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.hubspot.HubSpotSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark group "api", HubSpot: the catch-up of {@link CoalescingBenchmark} (the same 100,000
 * upserts over 10,000 keys, written while the runner is stopped) drained by the real runner into
 * the sandbox's HubSpot contacts, configured by examples/contacts-hubspot.yaml (batches of at most
 * 100 inputs). HubSpot counts every HTTP request once toward its limits, whatever its batch size;
 * so does the sandbox. The fewest calls a runner can make is ⌈keys/100⌉ batch upserts plus what it
 * reads once at start (the properties of the object, the account's details): the bound. The run is
 * accepted when its calls stay within 1.02 × ⌈keys/100⌉ + those start-up calls.
 *
 * <p>Every run checks that the runner captured exactly the changes written and that every key in
 * Postgres equals its HubSpot record (values compared as HubSpot returns them, as strings);
 * otherwise, or when the acceptance fails, it exits 1.
 *
 * <p>Arguments: the runner's class path (its jar). Environment: BENCH_RUNNER_OPTS.
 */
public final class HubSpotCatchUpBenchmark {

  static final int MAX_INPUTS = 100;
  static final String OBJECT = "contacts";
  static final String UNIQUE_PROPERTY = "customer_ref";

  private HubSpotCatchUpBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> runnerOptions =
        Arrays.asList(
            System.getenv()
                .getOrDefault("BENCH_RUNNER_OPTS", "-Xmx256m -XX:+UseSerialGC")
                .split(" "));
    try (BenchRig rig =
        new BenchRig(Path.of("").toAbsolutePath(), "api-hubspot", args[0], runnerOptions)) {
      HubSpotCalls calls = catchUp(rig);
      int keys = CoalescingBenchmark.KEYS;
      long minimum = (keys + MAX_INPUTS - 1) / MAX_INPUTS;
      long preflight = calls.preflight();
      long bound = minimum + preflight;
      double allowed = 1.02 * minimum + preflight;
      boolean accepted = calls.total() <= allowed;
      JsonNode example =
          new YAMLMapper().readTree(Path.of("examples/contacts-hubspot.yaml").toFile());
      System.out.printf(
          "BENCH hubspot_catchup_calls %d calls (catch-up into HubSpot contacts by customer_ref:"
              + " %,d changes over %,d keys; %d batch upserts, %d start-up calls (properties,"
              + " account-info), %d other; maxRecords %s, %s requests/s)%n",
          calls.total(),
          CoalescingBenchmark.CHANGES,
          keys,
          calls.calls(HubSpotCalls.UPSERT),
          preflight,
          calls.total() - calls.calls(HubSpotCalls.UPSERT) - preflight,
          example.at("/spec/batching/maxRecords").asText(),
          example.at("/spec/rateLimit/requestsPerSecond").asText());
      System.out.printf(
          "BENCH hubspot_catchup_calls_per_bound %.3f ratio (calls / (⌈keys/100⌉ + start-up"
              + " calls) = %d / (%d + %d); acceptance: calls <= 1.02 × %d + %d = %.0f: %s)%n",
          (double) calls.total() / bound,
          calls.total(),
          minimum,
          preflight,
          minimum,
          preflight,
          Math.floor(allowed),
          accepted ? "met" : "NOT MET");
      if (!accepted) {
        throw new BenchFailure(
            "HubSpot catch-up: "
                + calls.total()
                + " calls, more than 1.02 × "
                + minimum
                + " + "
                + preflight
                + "; calls by endpoint: "
                + calls.byEndpoint());
      }
    }
  }

  /** The changes wait in the slot, then a runner drains them; returns the drain's calls. */
  private static HubSpotCalls catchUp(BenchRig rig) throws Exception {
    PostgresDatabase db = rig.contactsDatabase("bench_hubspot_catchup");
    Path config = rig.hubSpotManifest("bench-hubspot-catchup", db, HubSpotSettings.DEFAULT_TOKEN);
    log("hubspot catch-up: a first run creates the slot and publication, then stops");
    try (BenchRunner first = rig.runner(config, Map.of())) {
      first.awaitStreaming(Duration.ofMinutes(2));
      expectCleanExit(first);
    }
    log(
        "hubspot catch-up: writing %,d upserts over %,d keys with the runner stopped",
        CoalescingBenchmark.CHANGES, CoalescingBenchmark.KEYS);
    Instant writeStart = Instant.now();
    new ContactsLoad(
            db,
            CoalescingBenchmark.KEYS,
            CoalescingBenchmark.CONNECTIONS,
            CoalescingBenchmark.ACCOUNTS)
        .burst(CoalescingBenchmark.CHANGES);
    long end = CoalescingBenchmark.endLsn(db);
    log(
        "hubspot catch-up: written in %.1f s; the runner drains them",
        Duration.between(writeStart, Instant.now()).toMillis() / 1000.0);
    Sandbox sandbox = rig.sandbox();
    sandbox.reset();
    HubSpotCalls before = HubSpotCalls.of(sandbox.stats().calls());
    RunnerStatus done;
    try (BenchRunner runner = rig.runner(config, Map.of())) {
      Instant[] lastPrint = {Instant.EPOCH};
      done =
          runner.awaitConfirmed(
              end,
              Duration.ofMinutes(10),
              s -> {
                if (Instant.now().isAfter(lastPrint[0].plusSeconds(5))) {
                  lastPrint[0] = Instant.now();
                  log(
                      "hubspot catch-up: %s captured %,d, written %,d records, confirmed %s",
                      s.phase(),
                      s.counters().getChangesCaptured(),
                      s.counters().getRecordsWritten(),
                      s.confirmedLsn());
                }
              });
      expectCleanExit(runner);
    }
    HubSpotCalls calls = HubSpotCalls.of(sandbox.stats().calls()).since(before);
    log("hubspot catch-up: confirmed %s; the sandbox counted %s", Lsn.format(end), calls);
    Counters c = done.counters();
    if (c.getChangesCaptured() != CoalescingBenchmark.CHANGES) {
      throw new BenchFailure(
          "hubspot catch-up: the runner captured "
              + c.getChangesCaptured()
              + " changes, "
              + CoalescingBenchmark.CHANGES
              + " were written");
    }
    if (c.getRecordErrors() != 0) {
      throw new BenchFailure("hubspot catch-up: " + c.getRecordErrors() + " record errors");
    }
    verify(db, sandbox, config);
    return calls;
  }

  /** Every key in Postgres equals its HubSpot record, property by mapped property. */
  private static void verify(PostgresDatabase db, Sandbox sandbox, Path config) throws Exception {
    Map<String, String> mapping = new LinkedHashMap<>();
    new YAMLMapper()
        .readTree(config.toFile())
        .at("/spec/mapping")
        .forEach(m -> mapping.put(m.path("column").asText(), m.path("field").asText()));
    Map<String, Map<String, Object>> rows = new HashMap<>();
    for (Map<String, Object> row :
        db.query("SELECT " + String.join(", ", mapping.keySet()) + " FROM public.contacts")) {
      rows.put((String) row.get("customer_ref"), row);
    }
    Verification v;
    try (Connection c = db.connect()) {
      v =
          new Verifier(mapping)
              .verify(
                  rows.keySet(),
                  rows,
                  new HubSpotRecords(sandbox.baseUrl()).byProperty(OBJECT, UNIQUE_PROPERTY),
                  c,
                  "bench-hubspot-catchup");
    }
    if (!v.passed() || v.keys() != CoalescingBenchmark.KEYS) {
      throw new BenchFailure(
          "hubspot catch-up: "
              + v.matched()
              + " of "
              + v.keys()
              + " keys equal, "
              + v.lost()
              + " lost, "
              + v.mismatched()
              + " different: "
              + v.examples());
    }
    log(
        "hubspot catch-up: verified, all %,d keys in Postgres equal their HubSpot record",
        v.keys());
  }

  private static void expectCleanExit(BenchRunner runner) {
    int exit = runner.stop(Duration.ofMinutes(1));
    if (exit != 0) {
      throw new BenchFailure("the runner exited with " + exit + " on SIGTERM");
    }
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}
