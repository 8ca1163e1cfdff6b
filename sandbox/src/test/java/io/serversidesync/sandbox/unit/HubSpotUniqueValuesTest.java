package io.serversidesync.sandbox.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.sandbox.hubspot.schema.DefaultHubSpotSchema;
import io.serversidesync.sandbox.hubspot.store.ObjectRecords;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Unique values match ignoring case, the reading the runner takes (docs/hubspot.md). */
class HubSpotUniqueValuesTest {

  @Test
  void anUpsertByAnotherSpellingUpdatesTheRecordAndRespellsIt() throws Exception {
    AtomicLong ids = new AtomicLong(100);
    ObjectRecords contacts =
        new ObjectRecords(
            DefaultHubSpotSchema.create().object("contacts").orElseThrow(), ids::incrementAndGet);
    Instant now = Instant.parse("2026-12-04T12:00:00Z");
    long id = contacts.upsert("customer_ref", "K-1", Map.of("email", "a@x.io"), now).record().id();

    var second = contacts.upsert("customer_ref", "k-1", Map.of("email", "b@x.io"), now);

    assertThat(second.record().id()).isEqualTo(id);
    assertThat(contacts.snapshot()).hasSize(1);
    assertThat(second.record().value("customer_ref")).isEqualTo("k-1");
    assertThat(second.record().value("email")).isEqualTo("b@x.io");
    assertThat(contacts.find("customer_ref", "K-1")).map(r -> r.id()).contains(id);
    assertThat(contacts.find("customer_ref", "k-1")).map(r -> r.id()).contains(id);
  }
}
