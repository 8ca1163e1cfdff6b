package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.UPSERT_CONTACTS;
import static io.serversidesync.sandbox.it.Client.V;
import static io.serversidesync.sandbox.it.Client.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class CollectionsUpsertIT extends SandboxTestBase {

  @Test
  void createsThenUpdatesByExternalIdWithResultsInRequestOrder() {
    Client.Reply first =
        client.patch(
            UPSERT_CONTACTS,
            contacts(
                false,
                "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"Ng\"",
                "\"Customer_Ref__c\":\"C-2\",\"LastName\":\"Li\",\"Email\":\"li@example.com\""));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Content-Type")).startsWith("application/json");
    JsonNode results = first.json();
    assertThat(results).hasSize(2);
    String id1 = results.get(0).get("id").asText();
    assertThat(id1).hasSize(18).startsWith("003");
    assertThat(results.get(0).get("success").asBoolean()).isTrue();
    assertThat(results.get(0).get("created").asBoolean()).isTrue();
    assertThat(results.get(0).get("errors")).isEmpty();
    assertThat(results.get(1).get("id").asText()).isNotEqualTo(id1);

    Client.Reply second =
        client.patch(
            UPSERT_CONTACTS,
            contacts(
                false,
                "\"Customer_Ref__c\":\"C-3\",\"LastName\":\"New\"",
                "\"Customer_Ref__c\":\"c-1\",\"LastName\":\"Ng-Updated\",\"Email\":null"));
    JsonNode r2 = second.json();
    assertThat(r2.get(0).get("created").asBoolean()).isTrue();
    assertThat(r2.get(1).get("created").asBoolean())
        .as("external ids match case-insensitively")
        .isFalse();
    assertThat(r2.get(1).get("id").asText()).isEqualTo(id1);

    List<Map<String, Object>> records = sandbox.records("Contact");
    assertThat(records).hasSize(3);
    Map<String, Object> updated = records.get(0);
    assertThat(updated.get("LastName")).isEqualTo("Ng-Updated");
    assertThat(updated.get("Customer_Ref__c"))
        .as("the key is written as sent, like any field")
        .isEqualTo("c-1");
    assertThat(updated).containsEntry("Email", null);
    assertThat(updated.get("HasOptedOutOfEmail")).isEqualTo(Boolean.FALSE);
    assertThat(sandbox.stats().records("created")).isEqualTo(3);
    assertThat(sandbox.stats().records("updated")).isEqualTo(1);
  }

  @Test
  void recordErrorsCarrySalesforceCodesMessagesAndFieldsWhileGoodRecordsAreSaved() {
    String tooLong = "x".repeat(81);
    Client.Reply reply =
        client.patch(
            UPSERT_CONTACTS,
            contacts(
                false,
                "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"" + tooLong + "\"",
                "\"Customer_Ref__c\":\"C-2\",\"FirstName\":\"NoLast\"",
                "\"Customer_Ref__c\":\"C-3\",\"LastName\":\"Ok\",\"Email\":\"not-an-email\"",
                "\"LastName\":\"NoKey\"",
                "\"Customer_Ref__c\":\"C-5\",\"LastName\":\"Fine\""));
    assertThat(reply.status()).isEqualTo(200);
    JsonNode r = reply.json();
    assertThat(error(r.get(0)))
        .isEqualTo(
            "STRING_TOO_LONG|Last Name: data value too large: "
                + tooLong
                + " (max length=80)|[\"LastName\"]");
    assertThat(r.get(0).get("success").asBoolean()).isFalse();
    assertThat(r.get(0).has("created")).isFalse();
    assertThat(error(r.get(1)))
        .isEqualTo("REQUIRED_FIELD_MISSING|Required fields are missing: [LastName]|[\"LastName\"]");
    assertThat(error(r.get(2)))
        .isEqualTo("INVALID_EMAIL_ADDRESS|Email: invalid email address: not-an-email|[\"Email\"]");
    assertThat(error(r.get(3))).isEqualTo("MISSING_ARGUMENT|Customer_Ref__c not specified|[]");
    assertThat(r.get(4).get("success").asBoolean()).isTrue();
    assertThat(sandbox.records("Contact"))
        .extracting(m -> m.get("Customer_Ref__c"))
        .containsExactly("C-5");
    assertThat(sandbox.stats().records("failed.STRING_TOO_LONG")).isEqualTo(1);
  }

  @Test
  void sameExternalIdTwiceInOneRequestFailsBothWithDuplicateValue() {
    JsonNode r =
        client
            .patch(
                UPSERT_CONTACTS,
                contacts(
                    false,
                    "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\"",
                    "\"Customer_Ref__c\":\"C-2\",\"LastName\":\"B\"",
                    "\"Customer_Ref__c\":\"c-1\",\"LastName\":\"C\""))
            .json();
    assertThat(error(r.get(0)))
        .isEqualTo("DUPLICATE_VALUE|Duplicate external id specified: C-1|[]");
    assertThat(error(r.get(2)))
        .isEqualTo("DUPLICATE_VALUE|Duplicate external id specified: c-1|[]");
    assertThat(r.get(1).get("success").asBoolean()).isTrue();
    assertThat(sandbox.records("Contact")).hasSize(1);
  }

  @Test
  void allOrNoneRollsBackEveryRecordWhenOneFails() {
    client.patch(
        UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"Before\""));
    JsonNode r =
        client
            .patch(
                UPSERT_CONTACTS,
                contacts(
                    true,
                    "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"After\"",
                    "\"Customer_Ref__c\":\"C-2\",\"LastName\":\"New\"",
                    "\"Customer_Ref__c\":\"C-3\",\"LastName\":\"" + "y".repeat(90) + "\""))
            .json();
    assertThat(r.get(0).get("success").asBoolean()).isFalse();
    assertThat(r.get(0).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(r.get(1).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(r.get(2).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("STRING_TOO_LONG");
    List<Map<String, Object>> records = sandbox.records("Contact");
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("LastName")).isEqualTo("Before");
  }

  @Test
  void unknownFieldAndWrongJsonTypesFailTheWholeRequest() {
    Client.Reply unknown =
        client.patch(
            UPSERT_CONTACTS,
            contacts(false, "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\",\"Nope__c\":1"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text())
        .isEqualTo(
            "[{\"message\":\"No such column 'Nope__c' on sobject of type Contact\",\"errorCode\":\"INVALID_FIELD\"}]");

    Client.Reply wrongType =
        client.patch(
            UPSERT_CONTACTS,
            contacts(
                false,
                "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\",\"HasOptedOutOfEmail\":\"maybe\""));
    assertThat(wrongType.status()).isEqualTo(400);
    JsonNode e = wrongType.json().get(0);
    assertThat(e.get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
    assertThat(e.get("message").asText())
        .startsWith("Cannot deserialize instance of boolean from VALUE_STRING value maybe")
        .containsPattern("at \\[line:1, column:\\d+]");

    Client.Reply broken = client.patch(UPSERT_CONTACTS, "{\"records\":[{");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get(0).get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
    assertThat(sandbox.records("Contact")).isEmpty();
  }

  @Test
  void moreThan200RecordsIsRefused() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      records.add("\"Customer_Ref__c\":\"C-" + i + "\",\"LastName\":\"L\"");
    }
    Client.Reply r = client.patch(UPSERT_CONTACTS, contacts(false, records.toArray(String[]::new)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get(0).get("errorCode").asText()).isEqualTo("EXCEEDED_ID_LIMIT");
    assertThat(r.json().get(0).get("message").asText())
        .isEqualTo("record limit reached. cannot submit more than 200 records into this call");
    records.remove(200);
    assertThat(
            client.patch(UPSERT_CONTACTS, contacts(false, records.toArray(String[]::new))).status())
        .isEqualTo(200);
    assertThat(sandbox.records("Contact")).hasSize(200);
  }

  @Test
  void unknownObjectOrNonExternalIdFieldIsNotFound() {
    Client.Reply object =
        client.patch(V + "/composite/sobjects/Lead/Customer_Ref__c", contacts(false));
    assertThat(object.status()).isEqualTo(404);
    assertThat(object.json().get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
    Client.Reply field = client.patch(V + "/composite/sobjects/Contact/Email", contacts(false));
    assertThat(field.status()).isEqualTo(404);
    assertThat(field.json().get(0).get("message").asText())
        .isEqualTo("Provided external ID field does not exist or is not accessible: Email");
  }

  @Test
  void collectionsDeleteByIdsReportsEachIdInOrder() {
    JsonNode created =
        client
            .patch(
                UPSERT_CONTACTS,
                contacts(
                    false,
                    "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\"",
                    "\"Customer_Ref__c\":\"C-2\",\"LastName\":\"B\""))
            .json();
    String id1 = created.get(0).get("id").asText();
    String id2 = created.get(1).get("id").asText();
    client.delete(V + "/sobjects/Contact/" + id2);
    JsonNode r =
        client
            .delete(V + "/composite/sobjects?ids=" + id1 + "," + id2 + ",bogus&allOrNone=false")
            .json();
    assertThat(r.get(0).get("id").asText()).isEqualTo(id1);
    assertThat(r.get(0).get("success").asBoolean()).isTrue();
    assertThat(error(r.get(1))).isEqualTo("ENTITY_IS_DELETED|entity is deleted|[]");
    assertThat(error(r.get(2))).isEqualTo("MALFORMED_ID|malformed id bogus|[]");
    assertThat(sandbox.records("Contact")).isEmpty();
  }

  @Test
  void collectionsCreateAndUpdateByIdLetTestsEditManyRecords() {
    JsonNode created =
        client
            .post(
                V + "/composite/sobjects",
                contacts(
                    true,
                    "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\"",
                    "\"Customer_Ref__c\":\"C-2\",\"LastName\":\"B\""))
            .json();
    assertThat(created).hasSize(2);
    assertThat(created.get(0).has("created")).isFalse();
    String id1 = created.get(0).get("id").asText();
    String id2 = created.get(1).get("id").asText();
    JsonNode updated =
        client
            .patch(
                V + "/composite/sobjects",
                contacts(
                    false,
                    "\"Id\":\"" + id1 + "\",\"Title\":\"Edited\"",
                    "\"Id\":\"" + id2 + "\",\"LastName\":null",
                    "\"Title\":\"no id\""))
            .json();
    assertThat(updated.get(0).get("success").asBoolean()).isTrue();
    assertThat(error(updated.get(1))).startsWith("REQUIRED_FIELD_MISSING|");
    assertThat(error(updated.get(2)))
        .isEqualTo("MISSING_ARGUMENT|Id not specified in an update call|[]");
    assertThat(sandbox.records("Contact"))
        .extracting(m -> m.get("Title"))
        .containsExactly("Edited", null);
    JsonNode withId =
        client
            .post(
                V + "/composite/sobjects",
                contacts(false, "\"Id\":\"" + id1 + "\",\"LastName\":\"X\""))
            .json();
    assertThat(error(withId.get(0)))
        .isEqualTo("INVALID_FIELD|cannot specify Id in an insert call|[\"Id\"]");
  }

  static String error(JsonNode result) {
    JsonNode e = result.get("errors").get(0);
    return e.get("statusCode").asText() + "|" + e.get("message").asText() + "|" + e.get("fields");
  }
}
