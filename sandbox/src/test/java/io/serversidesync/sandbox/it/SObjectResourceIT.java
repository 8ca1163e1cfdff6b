package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.schema.SchemaLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class SObjectResourceIT extends SandboxTestBase {

  @Override
  SandboxConfig.Builder config() {
    String yaml =
        """
        objects:
          - name: Device__c
            keyPrefix: a01
            fields:
              - {name: Serial__c, type: string, length: 20, externalId: true}
              - {name: Name__c, type: string, length: 10, required: true}
              - {name: Code__c, type: int, precision: 9, externalId: true, unique: true}
        """;
    return SandboxConfig.builder()
        .schema(
            SchemaLoader.load(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"));
  }

  @Test
  void singleRecordUpsertCreatesWith201AndUpdatesWith200() {
    Client.Reply created =
        client.patch(V + "/sobjects/Contact/Customer_Ref__c/C%2F1", "{\"LastName\":\"Ng\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.get("created").asBoolean()).isTrue();
    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("errors")).isEmpty();
    String id = body.get("id").asText();

    Client.Reply updated =
        client.patch(V + "/sobjects/Contact/Customer_Ref__c/C%2F1", "{\"Title\":\"CTO\"}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("created").asBoolean()).isFalse();
    assertThat(updated.json().get("id").asText()).isEqualTo(id);

    Client.Reply old =
        client.patch(
            "/services/data/v45.0/sobjects/Contact/Customer_Ref__c/C%2F1", "{\"Title\":\"CEO\"}");
    assertThat(old.status()).as("before 46.0 an update answers 204").isEqualTo(204);
    assertThat(old.text()).isEmpty();

    JsonNode record = client.get(V + "/sobjects/Contact/Customer_Ref__c/C%2F1").json();
    assertThat(record.get("Customer_Ref__c").asText()).isEqualTo("C/1");
    assertThat(record.get("Title").asText()).isEqualTo("CEO");
    assertThat(record.get("attributes").get("url").asText())
        .isEqualTo(V + "/sobjects/Contact/" + id);
  }

  @Test
  void singleRecordErrorsAreRequestLevelArrays() {
    Client.Reply r =
        client.patch(
            V + "/sobjects/Contact/Customer_Ref__c/C-1",
            "{\"FirstName\":\"" + "f".repeat(41) + "\"}");
    assertThat(r.status()).isEqualTo(400);
    JsonNode e = r.json().get(0);
    assertThat(e.get("errorCode").asText()).isEqualTo("STRING_TOO_LONG");
    assertThat(e.get("message").asText())
        .isEqualTo("First Name: data value too large: " + "f".repeat(41) + " (max length=40)");
    assertThat(e.get("fields").get(0).asText()).isEqualTo("FirstName");

    Client.Reply withKey =
        client.patch(
            V + "/sobjects/Contact/Customer_Ref__c/C-1",
            "{\"Customer_Ref__c\":\"C-1\",\"LastName\":\"X\"}");
    assertThat(withKey.status()).isEqualTo(400);
    Client.Reply withId =
        client.patch(
            V + "/sobjects/Contact/Customer_Ref__c/C-1",
            "{\"Id\":\"003000000000001AAA\",\"LastName\":\"X\"}");
    assertThat(withId.status()).isEqualTo(400);
    assertThat(withId.json().get(0).get("message").asText())
        .isEqualTo("cannot specify Id in an insert call");
    assertThat(sandbox.records("Contact")).isEmpty();
  }

  @Test
  void deleteByExternalIdAnswers204ThenNotFound() {
    client.patch(V + "/sobjects/Contact/Customer_Ref__c/C-1", "{\"LastName\":\"Ng\"}");
    Client.Reply deleted = client.delete(V + "/sobjects/Contact/Customer_Ref__c/C-1");
    assertThat(deleted.status()).isEqualTo(204);
    Client.Reply again = client.delete(V + "/sobjects/Contact/Customer_Ref__c/C-1");
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.text())
        .isEqualTo(
            "[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]");
    assertThat(sandbox.stats().records("deleted")).isEqualTo(1);
  }

  @Test
  void nonUniqueExternalIdMatchingSeveralRecordsAnswers300AndFailsInCollections() {
    client.post(V + "/sobjects/Device__c", "{\"Serial__c\":\"S1\",\"Name__c\":\"a\"}");
    client.post(V + "/sobjects/Device__c", "{\"Serial__c\":\"s1\",\"Name__c\":\"b\"}");
    Client.Reply multiple =
        client.patch(V + "/sobjects/Device__c/Serial__c/S1", "{\"Name__c\":\"c\"}");
    assertThat(multiple.status()).isEqualTo(300);
    assertThat(multiple.json()).hasSize(2);
    assertThat(multiple.json().get(0).asText()).startsWith(V + "/sobjects/Device__c/a01");
    JsonNode r =
        client
            .patch(
                V + "/composite/sobjects/Device__c/Serial__c",
                "{\"records\":[{\"attributes\":{\"type\":\"Device__c\"},\"Serial__c\":\"S1\",\"Name__c\":\"d\"}]}")
            .json();
    assertThat(r.get(0).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("DUPLICATE_EXTERNAL_ID");
    assertThat(r.get(0).get("errors").get(0).get("message").asText())
        .startsWith("more than one record found for external id field: [a01");
  }

  @Test
  void numericExternalIdsMatchByValue() {
    Client.Reply created =
        client.patch(V + "/sobjects/Device__c/Code__c/12", "{\"Name__c\":\"a\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode r =
        client
            .patch(
                V + "/composite/sobjects/Device__c/Code__c",
                "{\"records\":[{\"attributes\":{\"type\":\"Device__c\"},\"Code__c\":12.0,\"Name__c\":\"b\"}]}")
            .json();
    assertThat(r.get(0).get("created").asBoolean()).isFalse();
    assertThat(r.get(0).get("id").asText()).isEqualTo(created.json().get("id").asText());
    assertThat(
            client.patch(V + "/sobjects/Device__c/Code__c/twelve", "{\"Name__c\":\"c\"}").status())
        .isEqualTo(400);
    assertThat(sandbox.records("Device__c")).hasSize(1);
  }

  @Test
  void createGetAndUpdateByIdAsTestsEditRecordsInSalesforce() {
    Client.Reply created =
        client.post(
            V + "/sobjects/Contact",
            "{\"LastName\":\"Ng\",\"Customer_Ref__c\":\"C-1\",\"Birthdate\":\"1990-02-03\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    JsonNode before = client.get(V + "/sobjects/Contact/" + id).json();
    assertThat(before.get("Birthdate").asText()).isEqualTo("1990-02-03");
    assertThat(before.get("SystemModstamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000\\+0000");
    assertThat(before.get("CreatedDate").asText())
        .isEqualTo(before.get("LastModifiedDate").asText());

    sandbox.clock().advance(java.time.Duration.ofMinutes(5));
    Client.Reply update =
        client.patch(V + "/sobjects/Contact/" + id, "{\"Email\":\"ng@example.com\"}");
    assertThat(update.status()).isEqualTo(204);
    JsonNode after =
        client.get(V + "/sobjects/Contact/" + id + "?fields=Email,SystemModstamp").json();
    assertThat(after.get("Email").asText()).isEqualTo("ng@example.com");
    assertThat(after.has("LastName")).isFalse();
    assertThat(after.get("SystemModstamp").asText())
        .isGreaterThan(before.get("SystemModstamp").asText());

    String id15 = id.substring(0, 15);
    assertThat(client.get(V + "/sobjects/Contact/" + id15).status())
        .as("15-character ids work too")
        .isEqualTo(200);
    assertThat(client.get(V + "/sobjects/Contact/003000000000000AAA").status()).isEqualTo(404);
    assertThat(
            client
                .patch(V + "/sobjects/Contact/" + id, "{\"LastName\":null}")
                .json()
                .get(0)
                .get("errorCode")
                .asText())
        .isEqualTo("REQUIRED_FIELD_MISSING");
  }

  @Test
  void describeListsFieldsAsSalesforceDefinesThem() {
    JsonNode d = client.get(V + "/sobjects/Contact/describe").json();
    assertThat(d.get("name").asText()).isEqualTo("Contact");
    assertThat(d.get("keyPrefix").asText()).isEqualTo("003");
    JsonNode lastName = field(d, "LastName");
    assertThat(lastName.get("label").asText()).isEqualTo("Last Name");
    assertThat(lastName.get("type").asText()).isEqualTo("string");
    assertThat(lastName.get("length").asInt()).isEqualTo(80);
    assertThat(lastName.get("nillable").asBoolean()).isFalse();
    assertThat(lastName.get("createable").asBoolean()).isTrue();
    JsonNode ref = field(d, "Customer_Ref__c");
    assertThat(ref.get("externalId").asBoolean()).isTrue();
    assertThat(ref.get("unique").asBoolean()).isTrue();
    assertThat(ref.get("idLookup").asBoolean()).isTrue();
    assertThat(ref.get("length").asInt()).isEqualTo(255);
    assertThat(field(d, "Id").get("type").asText()).isEqualTo("id");
    assertThat(field(d, "Id").get("createable").asBoolean()).isFalse();
    assertThat(field(d, "Birthdate").get("type").asText()).isEqualTo("date");
    assertThat(field(d, "HasOptedOutOfEmail").get("type").asText()).isEqualTo("boolean");
    assertThat(field(d, "AccountId").get("referenceTo").get(0).asText()).isEqualTo("Account");
    JsonNode account = client.get(V + "/sobjects/Account/describe").json();
    assertThat(field(account, "Name").get("label").asText()).isEqualTo("Account Name");
    assertThat(field(account, "AnnualRevenue").get("type").asText()).isEqualTo("currency");
    assertThat(field(account, "NumberOfEmployees").get("type").asText()).isEqualTo("int");
    assertThat(client.get(V + "/sobjects/Nope/describe").status()).isEqualTo(404);
  }

  @Test
  void versionsAreFreeAndUnknownPathsAreNotFound() {
    Client.Reply versions = client.get("/services/data/");
    assertThat(versions.status()).isEqualTo(200);
    assertThat(versions.header("Sforce-Limit-Info")).isNull();
    assertThat(versions.json().findValuesAsText("version")).contains("64.0", "46.0");
    assertThat(client.get(V + "/nothing/here").status()).isEqualTo(404);
    Client.Reply method = client.call("PUT", V + "/limits", "{}", Client.APPLICATION_JSON);
    assertThat(method.status()).isEqualTo(405);
  }

  /** As Salesforce: a version not listed under /services/data/ answers 404 to every call. */
  @Test
  void aVersionNotListedIsNotFound() {
    for (String version : new String[] {"v66.0", "v30.0", "v64.5"}) {
      Client.Reply reply = client.get("/services/data/" + version + "/limits");
      assertThat(reply.status()).as(version).isEqualTo(404);
      assertThat(reply.json().get(0).path("errorCode").asText()).isEqualTo("NOT_FOUND");
    }
    assertThat(client.get(V + "/limits").status()).isEqualTo(200);
  }

  @Test
  void updatedAndDeletedListIdsInTheWindow() {
    sandbox.clock().freezeAt(java.time.Instant.parse("2026-05-01T10:00:30Z"));
    String kept =
        client
            .patch(V + "/sobjects/Contact/Customer_Ref__c/C-1", "{\"LastName\":\"A\"}")
            .json()
            .get("id")
            .asText();
    String gone =
        client
            .patch(V + "/sobjects/Contact/Customer_Ref__c/C-2", "{\"LastName\":\"B\"}")
            .json()
            .get("id")
            .asText();
    client.delete(V + "/sobjects/Contact/" + gone);
    String window = "?start=2026-05-01T10%3A00%3A00%2B00%3A00&end=2026-05-01T10%3A01%3A10Z";
    JsonNode updated = client.get(V + "/sobjects/Contact/updated/" + window).json();
    assertThat(updated.get("ids")).extracting(JsonNode::asText).containsExactly(kept);
    assertThat(updated.get("latestDateCovered").asText()).isEqualTo("2026-05-01T10:01:00.000+0000");
    JsonNode deleted = client.get(V + "/sobjects/Contact/deleted/" + window).json();
    assertThat(deleted.get("deletedRecords").get(0).get("id").asText()).isEqualTo(gone);
    assertThat(deleted.get("deletedRecords").get(0).get("deletedDate").asText())
        .isEqualTo("2026-05-01T10:00:30.000+0000");
    assertThat(client.get(V + "/sobjects/Contact/updated/?start=x&end=y").status()).isEqualTo(400);
  }

  private static JsonNode field(JsonNode describe, String name) {
    for (JsonNode f : describe.get("fields")) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no field " + name);
  }
}
