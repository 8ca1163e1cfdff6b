package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.HubSpotClient.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class HubSpotUpsertIT extends HubSpotTestBase {

  @Test
  void createsThenUpdatesByTheUniqueProperty() {
    sandbox.clock().freezeAt(Instant.parse("2026-12-04T11:22:33.456Z"));
    Client.Reply created =
        hubspot.upsertContacts(
            "C-1|{\"email\":\"a@x.io\",\"lastname\":\"Ng\",\"score\":42,\"vip\":true}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    JsonNode result = created.json().get("results").get(0);
    assertThat(created.json().get("status").asText()).isEqualTo("COMPLETE");
    assertThat(result.get("new").asBoolean()).isTrue();
    assertThat(result.get("archived").asBoolean()).isFalse();
    JsonNode props = result.get("properties");
    assertThat(props.get("customer_ref").asText()).isEqualTo("C-1");
    assertThat(props.get("score").asText()).isEqualTo("42");
    assertThat(props.get("vip").asText()).isEqualTo("true");
    assertThat(props.get("hs_object_id").asText()).isEqualTo(result.get("id").asText());
    assertThat(props.get("createdate").asText()).isEqualTo("2026-12-04T11:22:33.456Z");
    assertThat(props.get("lastmodifieddate").asText()).isEqualTo("2026-12-04T11:22:33.456Z");
    String id = result.get("id").asText();

    sandbox.clock().advance(java.time.Duration.ofSeconds(5));
    Client.Reply updated =
        hubspot.upsertContacts(
            "C-1|{\"lastname\":\"Nguyen\",\"email\":\"\",\"birthdate\":1733270400000,"
                + "\"last_seen_at\":\"2026-12-01T10:00:00+01:00\"}");
    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    JsonNode again = updated.json().get("results").get(0);
    assertThat(again.get("new").asBoolean()).isFalse();
    assertThat(again.get("id").asText()).isEqualTo(id);
    assertThat(again.get("properties").get("email").isNull()).as("empty clears").isTrue();
    assertThat(again.get("properties").get("birthdate").asText()).isEqualTo("2024-12-04");
    assertThat(again.get("properties").get("last_seen_at").asText())
        .isEqualTo("2026-12-01T09:00:00.000Z");
    assertThat(again.get("properties").get("lastmodifieddate").asText())
        .isEqualTo("2026-12-04T11:22:38.456Z");
    assertThat(again.get("properties").get("createdate").asText())
        .isEqualTo("2026-12-04T11:22:33.456Z");

    List<HubSpotRecord> records = sandbox.hubSpot().records("contacts");
    assertThat(records).hasSize(1);
    assertThat(records.get(0).properties())
        .containsEntry("lastname", "Nguyen")
        .containsEntry("score", "42")
        .doesNotContainKey("email");
  }

  @Test
  void refusedValuesFailOnlyTheirInputNamedInContextIds() {
    String tooLong = "x".repeat(65_537);
    Client.Reply r =
        hubspot.upsertContacts(
            "OK-1|{\"lastname\":\"A\"}",
            "BAD-NUM|{\"score\":\"many\"}",
            "BAD-ENUM|{\"lifecyclestage\":\"gold\"}",
            "TOO-LONG|{\"lastname\":\"" + tooLong + "\"}",
            "READ-ONLY|{\"createdate\":\"2020-01-01T00:00:00Z\"}",
            "UNKNOWN|{\"shoe_size\":\"44\"}",
            "OK-2|{\"lifecyclestage\":\"lead;customer\",\"score\":\"1.50\"}");
    assertThat(r.status()).as(r.text()).isEqualTo(207);
    JsonNode body = r.json();
    assertThat(body.get("numErrors").asInt()).isEqualTo(5);
    assertThat(body.get("results")).hasSize(2);
    assertThat(error(body, "BAD-NUM").get("message").asText())
        .startsWith("Property values were not valid: ")
        .contains("INVALID_INTEGER")
        .contains("\"name\":\"score\"")
        .contains("was not a valid number.");
    assertThat(error(body, "BAD-NUM").get("category").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(error(body, "BAD-ENUM").get("message").asText()).contains("INVALID_OPTION");
    assertThat(error(body, "TOO-LONG").get("message").asText())
        .contains("INVALID_STRING_LENGTH")
        .hasSizeLessThan(2_000);
    assertThat(error(body, "READ-ONLY").get("message").asText()).contains("READ_ONLY_VALUE");
    assertThat(error(body, "UNKNOWN").get("message").asText()).contains("PROPERTY_DOESNT_EXIST");

    Map<String, HubSpotRecord> byRef =
        sandbox.hubSpot().records("contacts").stream()
            .collect(java.util.stream.Collectors.toMap(x -> x.value("customer_ref"), x -> x));
    assertThat(byRef).containsOnlyKeys("OK-1", "OK-2");
    assertThat(byRef.get("OK-2").properties())
        .containsEntry("lifecyclestage", "lead;customer")
        .containsEntry("score", "1.5");
    assertThat(sandbox.stats().records("hubspot.failed.VALIDATION_ERROR")).isEqualTo(5);
    assertThat(sandbox.stats().records("hubspot.created")).isEqualTo(2);
  }

  @Test
  void exactlyOneHundredLengthAndStringLimitPass() {
    String longest = "y".repeat(65_536);
    Client.Reply r = hubspot.upsertContacts("C-1|{\"lastname\":\"" + longest + "\"}");
    assertThat(r.status()).isEqualTo(200);
    String[] inputs = new String[100];
    for (int i = 0; i < 100; i++) {
      inputs[i] = "B-" + i + "|{}";
    }
    assertThat(hubspot.upsertContacts(inputs).status()).isEqualTo(200);
    assertThat(sandbox.hubSpot().records("contacts")).hasSize(101);
  }

  @Test
  void requestLevelProblemsFailTheWholeCall() {
    Client.Reply dup = hubspot.upsertContacts("C-1|{}", "C-2|{}", "C-1|{\"lastname\":\"B\"}");
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.json().get("category").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(dup.json().get("message").asText())
        .isEqualTo("Duplicate IDs found in batch input: [C-1]");

    String[] inputs = new String[101];
    for (int i = 0; i < 101; i++) {
      inputs[i] = "B-" + i + "|{}";
    }
    Client.Reply tooMany = hubspot.upsertContacts(inputs);
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("category").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(tooMany.json().get("message").asText()).contains("100");

    Client.Reply notUnique =
        hubspot.post(
            CONTACTS + "/batch/upsert",
            "{\"inputs\":[{\"idProperty\":\"email\",\"id\":\"a@x.io\",\"properties\":{}}]}");
    assertThat(notUnique.status()).isEqualTo(400);
    assertThat(notUnique.json().get("message").asText()).contains("\"email\"").contains("unique");

    Client.Reply unknown =
        hubspot.post(
            CONTACTS + "/batch/upsert",
            "{\"inputs\":[{\"idProperty\":\"nope\",\"id\":\"1\",\"properties\":{}}]}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("message").asText()).contains("\"nope\"");

    Client.Reply badJson = hubspot.post(CONTACTS + "/batch/upsert", "{\"inputs\":[");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(sandbox.hubSpot().records("contacts")).isEmpty();
  }

  @Test
  void idPropertyMayComeAsAQueryParameterAndObjectTypesAreChecked() {
    Client.Reply r =
        hubspot.post(
            CONTACTS + "/batch/upsert?idProperty=customer_ref",
            "{\"inputs\":[{\"id\":\"Q-1\",\"properties\":{\"lastname\":\"Q\"}}]}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("results").get(0).get("properties").get("customer_ref").asText())
        .isEqualTo("Q-1");

    Client.Reply companies =
        hubspot.post(
            "/crm/v3/objects/companies/batch/upsert",
            "{\"inputs\":[{\"idProperty\":\"company_ref\",\"id\":\"A-1\","
                + "\"properties\":{\"name\":\"Acme\"}}]}");
    assertThat(companies.status()).isEqualTo(200);
    JsonNode props = companies.json().get("results").get(0).get("properties");
    assertThat(props.has("hs_lastmodifieddate")).isTrue();
    assertThat(props.has("lastmodifieddate")).isFalse();

    Client.Reply unknownType = hubspot.upsertContacts("X|{}");
    assertThat(unknownType.status()).isEqualTo(200);
    Client.Reply foo = hubspot.post("/crm/v3/objects/foo/batch/upsert", "{\"inputs\":[]}");
    assertThat(foo.status()).isEqualTo(404);
    assertThat(foo.json().get("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(foo.json().get("message").asText())
        .isEqualTo("Unable to infer object type from: foo");
  }

  private static JsonNode error(JsonNode body, String id) {
    for (JsonNode e : body.get("errors")) {
      if (e.get("context").get("ids").get(0).asText().equals(id)) {
        assertThat(e.get("context").get("ids")).hasSize(1);
        assertThat(e.get("status").asText()).isEqualTo("error");
        return e;
      }
    }
    throw new AssertionError("no error names " + id + " in " + body);
  }
}
