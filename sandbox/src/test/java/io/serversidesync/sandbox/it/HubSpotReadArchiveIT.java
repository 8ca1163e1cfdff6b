package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.HubSpotClient.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class HubSpotReadArchiveIT extends HubSpotTestBase {

  @Test
  void batchReadByUniquePropertyReportsMisses() {
    hubspot.upsertContacts("C-1|{\"lastname\":\"A\",\"phone\":\"1\"}", "C-2|{\"lastname\":\"B\"}");
    Client.Reply r =
        hubspot.post(
            CONTACTS + "/batch/read",
            "{\"idProperty\":\"customer_ref\",\"inputs\":[{\"id\":\"C-1\"},{\"id\":\"C-9\"},"
                + "{\"id\":\"C-2\"},{\"id\":\"C-8\"}],\"properties\":[\"lastname\",\"phone\"]}");
    assertThat(r.status()).as(r.text()).isEqualTo(207);
    JsonNode body = r.json();
    assertThat(body.get("results"))
        .extracting(n -> n.get("properties").get("customer_ref").asText())
        .containsExactly("C-1", "C-2");
    JsonNode first = body.get("results").get(0).get("properties");
    assertThat(first.get("phone").asText()).isEqualTo("1");
    assertThat(first.has("lastmodifieddate")).isTrue();
    assertThat(body.get("numErrors").asInt()).isEqualTo(1);
    JsonNode error = body.get("errors").get(0);
    assertThat(error.get("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(error.get("context").get("ids"))
        .extracting(JsonNode::asText)
        .containsExactly("C-9", "C-8");

    String id = body.get("results").get(1).get("id").asText();
    Client.Reply byId =
        hubspot.post(CONTACTS + "/batch/read", "{\"inputs\":[{\"id\":\"" + id + "\"}]}");
    assertThat(byId.status()).isEqualTo(200);
    assertThat(byId.json().get("results").get(0).get("properties").get("lastname").asText())
        .isEqualTo("B");
    assertThat(
            hubspot
                .post(
                    CONTACTS + "/batch/read",
                    "{\"idProperty\":\"lastname\",\"inputs\":[{\"id\":\"B\"}]}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void archiveRemovesByRecordIdAndIgnoresUnknownIds() {
    JsonNode results = hubspot.upsertContacts("C-1|{}", "C-2|{}").json().get("results");
    String id1 = results.get(0).get("id").asText();
    Client.Reply r =
        hubspot.post(
            CONTACTS + "/batch/archive",
            "{\"inputs\":[{\"id\":\"" + id1 + "\"},{\"id\":\"999999\"},{\"id\":\"x\"}]}");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.text()).isEmpty();
    assertThat(sandbox.hubSpot().records("contacts"))
        .extracting(x -> x.value("customer_ref"))
        .containsExactly("C-2");
    Client.Reply again = hubspot.upsertContacts("C-1|{}");
    assertThat(again.json().get("results").get(0).get("new").asBoolean())
        .as("the unique value was freed")
        .isTrue();
    assertThat(sandbox.stats().records("hubspot.archived")).isEqualTo(1);
  }

  @Test
  void propertiesAreListedAndDescribed() {
    Client.Reply list = hubspot.get("/crm/v3/properties/contacts");
    assertThat(list.status()).isEqualTo(200);
    JsonNode results = list.json().get("results");
    assertThat(results)
        .extracting(p -> p.get("name").asText())
        .contains("email", "customer_ref", "lifecyclestage", "hs_object_id", "lastmodifieddate");
    JsonNode ref = hubspot.get("/crm/v3/properties/contacts/customer_ref").json();
    assertThat(ref.get("type").asText()).isEqualTo("string");
    assertThat(ref.get("fieldType").asText()).isEqualTo("text");
    assertThat(ref.get("hasUniqueValue").asBoolean()).isTrue();
    assertThat(ref.get("modificationMetadata").get("readOnlyValue").asBoolean()).isFalse();
    JsonNode stage = hubspot.get("/crm/v3/properties/0-1/lifecyclestage").json();
    assertThat(stage.get("type").asText()).isEqualTo("enumeration");
    assertThat(stage.get("options"))
        .extracting(o -> o.get("value").asText())
        .containsExactly("subscriber", "lead", "customer");
    JsonNode created = hubspot.get("/crm/v3/properties/contacts/createdate").json();
    assertThat(created.get("type").asText()).isEqualTo("datetime");
    assertThat(created.get("modificationMetadata").get("readOnlyValue").asBoolean()).isTrue();

    Client.Reply missing = hubspot.get("/crm/v3/properties/contacts/shoe_size");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(missing.json().get("message").asText())
        .contains("shoe_size")
        .contains("does not exist");
    assertThat(hubspot.get("/crm/v3/properties/companies/hs_lastmodifieddate").status())
        .isEqualTo(200);
    assertThat(hubspot.get("/crm/v3/properties/deals").status()).isEqualTo(404);
    assertThat(hubspot.get("/crm/v3/nothing/here").status()).isEqualTo(404);
  }

  @Test
  void accountInfoNamesTheTimeZone() {
    JsonNode info = hubspot.get("/account-info/v3/details").json();
    assertThat(info.get("portalId").asLong()).isEqualTo(123456);
    assertThat(info.get("timeZone").asText()).isEqualTo("US/Eastern");
    assertThat(info.get("utcOffset").asText()).isIn("-05:00", "-04:00");
    assertThat(info.get("utcOffsetMilliseconds").asLong()).isIn(-18_000_000L, -14_400_000L);
    assertThat(info.get("companyCurrency").asText()).isEqualTo("USD");
    assertThat(info.get("dataHostingLocation").asText()).isEqualTo("na1");
  }
}
