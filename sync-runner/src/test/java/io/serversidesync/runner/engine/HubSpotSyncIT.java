package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.hubspot.HubSpotDestination;
import io.serversidesync.runner.destination.hubspot.HubSpotSettings;
import io.serversidesync.runner.destination.hubspot.properties.MappedProperty;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.reverse.TwoWayFixture;
import io.serversidesync.runner.reverse.TwoWayRun;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.status.RunnerTelemetry;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Postgres table synced into the sandbox's HubSpot contacts by the whole runner (capture,
 * coalesce, plan, batch upserts and deletes): after inserts, updates and deletes, HubSpot holds
 * exactly the table's keys with every mapped value, and a row HubSpot would refuse ends in the
 * errors table while the others are written.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class HubSpotSyncIT {

  private static final List<FieldMap> MAPPING =
      List.of(
          new FieldMap("ref", "customer_ref"),
          new FieldMap("first_name", "firstname"),
          new FieldMap("last_name", "lastname"),
          new FieldMap("email", "email"),
          new FieldMap("score", "score"),
          new FieldMap("vip", "vip"),
          new FieldMap("birthdate", "birthdate"),
          new FieldMap("last_seen_at", "last_seen_at"),
          new FieldMap("stage", "lifecyclestage"));

  private static Sandbox sandbox;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = TwoWayFixture.startSandbox();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private static Destination hubSpot(SyncSettings sync, RunnerState state) throws Exception {
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

  private static Map<String, HubSpotRecord> contacts() {
    Map<String, HubSpotRecord> byRef = new HashMap<>();
    for (HubSpotRecord r : sandbox.hubSpot().records("contacts")) {
      if (r.value("customer_ref") != null) {
        byRef.put(r.value("customer_ref"), r);
      }
    }
    return byRef;
  }

  /** HubSpot holds exactly the table's rows (but the refused one), each with its values. */
  private static void assertMirrors(PostgresDatabase db) {
    List<Map<String, Object>> rows =
        db.query(
            "SELECT ref, first_name, last_name, email, score, vip, birthdate, last_seen_at, stage"
                + " FROM hs_people WHERE ref <> 'bad-stage'");
    Map<String, HubSpotRecord> held = contacts();
    assertThat(held.keySet())
        .containsExactlyInAnyOrderElementsOf(
            rows.stream().map(r -> (String) r.get("ref")).toList());
    for (Map<String, Object> row : rows) {
      HubSpotRecord r = held.get((String) row.get("ref"));
      assertThat(r.value("firstname"))
          .as("firstname of %s", row.get("ref"))
          .isEqualTo(row.get("first_name"));
      assertThat(r.value("lastname")).isEqualTo(row.get("last_name"));
      assertThat(r.value("email")).as("email of %s", row.get("ref")).isEqualTo(row.get("email"));
      assertThat(new BigDecimal(r.value("score")))
          .isEqualByComparingTo((BigDecimal) row.get("score"));
      assertThat(r.value("vip")).isEqualTo(row.get("vip").toString());
      assertThat(r.value("birthdate")).isEqualTo(row.get("birthdate").toString());
      assertThat(OffsetDateTime.parse(r.value("last_seen_at")).toInstant())
          .as("HubSpot keeps milliseconds")
          .isEqualTo(
              ((java.sql.Timestamp) row.get("last_seen_at"))
                  .toInstant()
                  .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      assertThat(r.value("lifecyclestage")).isEqualTo(row.get("stage"));
    }
  }

  @Test
  void aTableIsMirroredInHubSpotContactsKeyByKey(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE hs_people (ref text PRIMARY KEY, first_name text, last_name text NOT NULL,"
            + " email text, score numeric, vip boolean, birthdate date,"
            + " last_seen_at timestamptz, stage text)",
        "INSERT INTO hs_people SELECT 'P-' || i, 'First ' || i, 'Last ' || i,"
            + " 'p' || i || '@example.com', i * 1.5, i % 2 = 0,"
            + " date '1990-01-01' + i, timestamptz '2026-12-04 10:00:00+00' + i * interval '1 s',"
            + " (ARRAY['subscriber','lead','customer'])[1 + i % 3]"
            + " FROM generate_series(1, 250) i");
    SyncSettings settings =
        EngineHarness.settings(db, "hs_people", "hs_people", DeletePolicy.Delete, "ref")
            .withMapping(MAPPING);
    RunnerState state = new RunnerState(settings.name());
    try (TwoWayRun run =
        new TwoWayRun(settings, hubSpot(settings, state), state, TwoWayFixture.FAST).start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> contacts().size() == 250);
      assertMirrors(db);

      db.execute(
          "UPDATE hs_people SET last_name = last_name || ' (moved)', email = NULL"
              + " WHERE ref IN (SELECT 'P-' || i FROM generate_series(1, 250, 7) i)",
          "DELETE FROM hs_people WHERE ref IN (SELECT 'P-' || i FROM generate_series(5, 250, 11) i)",
          "INSERT INTO hs_people (ref, last_name, score, vip, birthdate, last_seen_at, stage)"
              + " VALUES ('bad-stage', 'Refused', 1, true, date '2000-01-01', now(), 'prospect'),"
              + " ('P-late', 'Late', 2, false, date '2000-01-02', now(), 'lead')");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertMirrors(db));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          db.query(
                              "SELECT code, message FROM serversidesync.errors"
                                  + " WHERE sync = 'hs_people' AND upsert_key = 'bad-stage'"))
                      .singleElement()
                      .satisfies(
                          e -> {
                            assertThat(e.get("code")).isEqualTo("INVALID_OPTION");
                            assertThat(e.get("message").toString())
                                .contains("lifecyclestage", "prospect");
                          }));
      assertThat(run.failure.get()).isNull();
    }
  }
}
