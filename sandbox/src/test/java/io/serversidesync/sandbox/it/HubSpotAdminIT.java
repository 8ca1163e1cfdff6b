package io.serversidesync.sandbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class HubSpotAdminIT extends HubSpotTestBase {

  @Test
  void recordsAreDumpedEditedAsAUserAndReset() {
    sandbox.clock().freezeAt(Instant.parse("2026-12-04T12:00:00Z"));
    hubspot.upsertContacts("C-1|{\"lastname\":\"A\"}");
    sandbox.clock().advance(java.time.Duration.ofMinutes(1));
    Client.Reply edited =
        admin.post(
            "/__sandbox/hubspot/records/contacts",
            "{\"idProperty\":\"customer_ref\",\"id\":\"C-1\",\"properties\":{\"lastname\":\"Z\","
                + "\"score\":\"7\"}}");
    assertThat(edited.status()).as(edited.text()).isEqualTo(200);
    assertThat(edited.json().get("properties").get("lastmodifieddate").asText())
        .isEqualTo("2026-12-04T12:01:00.000Z");
    admin.post(
        "/__sandbox/hubspot/records/contacts",
        "{\"idProperty\":\"customer_ref\",\"id\":\"C-2\",\"properties\":{\"lastname\":\"New\"}}");

    JsonNode dump = admin.get("/__sandbox/hubspot/records/contacts").json();
    assertThat(dump.get("results")).hasSize(2);
    JsonNode first = dump.get("results").get(0);
    assertThat(first.get("properties").get("lastname").asText()).isEqualTo("Z");
    assertThat(first.get("properties").get("score").asText()).isEqualTo("7");
    assertThat(first.get("createdAt").asText()).isEqualTo("2026-12-04T12:00:00.000Z");
    assertThat(first.get("updatedAt").asText()).isEqualTo("2026-12-04T12:01:00.000Z");
    assertThat(first.get("archived").asBoolean()).isFalse();

    Client.Reply bad =
        admin.post(
            "/__sandbox/hubspot/records/contacts",
            "{\"idProperty\":\"customer_ref\",\"id\":\"C-3\",\"properties\":{\"score\":\"x\"}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(admin.get("/__sandbox/hubspot/records/deals").status()).isEqualTo(404);
    assertThat(sandbox.stats().hubSpotCalls()).as("the side door is not counted").isEqualTo(1);

    admin.post("/__sandbox/hubspot/usage", "{\"dailyUsed\":77}");
    admin.post("/__sandbox/reset", "");
    assertThat(admin.get("/__sandbox/hubspot/records/contacts").json().get("results")).isEmpty();
    assertThat(sandbox.hubSpot().dailyUsage()).isZero();
  }

  @Test
  void statsCountHubSpotCallsByEndpoint() {
    hubspot.upsertContacts("C-1|{}");
    hubspot.upsertContacts("C-2|{}");
    hubspot.post("/crm/v3/objects/contacts/batch/read", "{\"inputs\":[]}");
    hubspot.post("/crm/v3/objects/contacts/batch/archive", "{\"inputs\":[]}");
    hubspot.post("/crm/v3/objects/contacts/search", "{}");
    hubspot.get("/crm/v3/properties/contacts");
    hubspot.get("/account-info/v3/details");
    hubspot.get("/crm/v3/unknown");
    JsonNode calls = admin.get("/__sandbox/stats").json().get("calls");
    assertThat(calls.get("hubspot.batch.upsert").asInt()).isEqualTo(2);
    assertThat(calls.get("hubspot.batch.read").asInt()).isEqualTo(1);
    assertThat(calls.get("hubspot.batch.archive").asInt()).isEqualTo(1);
    assertThat(calls.get("hubspot.search").asInt()).isEqualTo(1);
    assertThat(calls.get("hubspot.properties").asInt()).isEqualTo(1);
    assertThat(calls.get("hubspot.account").asInt()).isEqualTo(1);
    assertThat(sandbox.stats().hubSpotCalls()).isEqualTo(8);
    assertThat(sandbox.stats().dataApiCalls()).as("Salesforce calls only").isZero();
    assertThat(sandbox.stats().records("hubspot.created")).isEqualTo(2);
    assertThat(sandbox.hubSpot().dailyUsage()).isEqualTo(8);

    JsonNode token = admin.get("/__sandbox/hubspot/token").json();
    assertThat(token.get("token").asText()).isEqualTo("pat-na1-sandbox-token");
    assertThat(token.get("scopes")).hasSize(6);
    JsonNode usage = admin.get("/__sandbox/hubspot/usage").json();
    assertThat(usage.get("dailyUsed").asLong()).isEqualTo(8);
    assertThat(usage.get("dailyLimit").asLong()).isEqualTo(250_000);
  }
}
