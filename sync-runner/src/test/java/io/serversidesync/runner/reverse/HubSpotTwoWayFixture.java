package io.serversidesync.runner.reverse;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.config.TwoWaySettings;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.hubspot.HubSpotDestination;
import io.serversidesync.runner.destination.hubspot.HubSpotSettings;
import io.serversidesync.runner.destination.hubspot.properties.MappedProperty;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.status.RunnerTelemetry;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * A two-way sync of a contacts table (ref → customer_ref, last_name → lastname, email → email,
 * hs_object_id → hs_id) against the sandbox's HubSpot API, for the integration tests.
 */
final class HubSpotTwoWayFixture {

  static final List<FieldMap> MAPPING =
      List.of(
          new FieldMap("ref", "customer_ref"),
          new FieldMap("last_name", "lastname"),
          new FieldMap("email", "email"));

  private HubSpotTwoWayFixture() {}

  static void createTable(PostgresDatabase db, String table) {
    db.execute(
        "CREATE TABLE "
            + table
            + " (ref text PRIMARY KEY, last_name text NOT NULL, email text, hs_id text)");
  }

  static SyncSettings settings(
      PostgresDatabase db, String table, ConflictPolicy policy, Duration pollInterval) {
    SyncSettings salesforceShaped =
        TwoWayFixture.settings(db, table, table, policy, pollInterval, DeletePolicy.Ignore);
    return salesforceShaped.toBuilder()
        .mapping(MAPPING)
        .build()
        .withTwoWay(
            new TwoWaySettings(pollInterval, "hs_id", policy, TwoWaySettings.DEFAULT_PAGE_SIZE));
  }

  /** The HubSpot destination of contacts keyed by customer_ref against the sandbox. */
  static Destination hubSpot(Sandbox sandbox, SyncSettings sync, RunnerState state)
      throws Exception {
    List<MappedProperty> mapping = new ArrayList<>();
    for (int i = 0; i < sync.mapping().size(); i++) {
      mapping.add(
          new MappedProperty("spec.mapping[" + i + "].field", sync.mapping().get(i).field()));
    }
    HubSpotSettings settings =
        HubSpotSettings.builder()
            .baseUrl(HttpUrl.get(sandbox.baseUrl()))
            .tokenSecret("hubspot")
            .tokenKey("token")
            .objectType("contacts")
            .uniqueProperty("customer_ref")
            .mapping(mapping)
            .deletes(sync.deletes())
            .maxInputsPerCall(HubSpotSettings.MAX_INPUTS)
            .rateLimit(
                new RateLimitSettings(50, 4, 1.0, Duration.ofMinutes(5), Duration.ofMillis(50)))
            .searchesPerSecond(HubSpotSettings.MAX_SEARCHES_PER_SECOND)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .build();
    String token = sandbox.hubSpot().token();
    return HubSpotDestination.create(
        settings, (name, key) -> token, new RunnerTelemetry(state), TimeSource.SYSTEM);
  }

  /** The sandbox's contacts by customer_ref. */
  static Map<String, HubSpotRecord> contacts(Sandbox sandbox) {
    Map<String, HubSpotRecord> byRef = new HashMap<>();
    for (HubSpotRecord r : sandbox.hubSpot().records("contacts")) {
      String ref = r.value("customer_ref");
      if (ref != null) {
        byRef.put(ref, r);
      }
    }
    return byRef;
  }

  /** The table's rows by ref: column → value. */
  static Map<String, Map<String, Object>> rows(PostgresDatabase db, String table) {
    Map<String, Map<String, Object>> byRef = new HashMap<>();
    for (Map<String, Object> r : db.query("SELECT ref, last_name, email, hs_id FROM " + table)) {
      byRef.put((String) r.get("ref"), r);
    }
    return byRef;
  }
}
