package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.V;
import static io.serversidesync.sandbox.it.Lookups.replyError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.schema.SchemaLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Custom lookups ({@code Shop__c} → {@code Shop__r}) and parent keys with their own matching rules:
 * case-sensitive, numeric, not unique.
 */
@Tag("integration")
class CustomLookupIT extends SandboxTestBase {

  @Override
  SandboxConfig.Builder config() {
    String yaml =
        """
        objects:
          - name: Shop__c
            keyPrefix: a07
            fields:
              - {name: Code__c, type: string, externalId: true, unique: true, caseSensitive: true}
              - {name: Region__c, type: string, externalId: true}
              - {name: Number__c, type: int, externalId: true, unique: true}
          - name: Order__c
            keyPrefix: a08
            fields:
              - {name: Order_Ref__c, type: string, externalId: true, unique: true}
              - {name: Shop__c, type: reference, referenceTo: Shop__c}
              - {name: Previous__c, type: lookup, referenceTo: [Order__c]}
        """;
    return SandboxConfig.builder()
        .schema(
            SchemaLoader.load(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"));
  }

  private String shop(String code, String region, int number) {
    return Lookups.upsert(
        client,
        "Shop__c",
        "Code__c",
        code,
        "{\"Region__c\":\"" + region + "\",\"Number__c\":" + number + "}");
  }

  private Object shopOf(String orderRef) {
    return Lookups.record(sandbox, "Order__c", "Order_Ref__c", orderRef).get("Shop__c");
  }

  private Client.Reply order(String ref, String json) {
    return client.patch(V + "/sobjects/Order__c/Order_Ref__c/" + ref, json);
  }

  @Test
  void parentKeysMatchByTheirFieldsRules() {
    String abc = shop("AbC", "North", 7);
    shop("abc", "North", 8);
    assertThat(order("O-1", "{\"Shop__r\":{\"Code__c\":\"AbC\"}}").status()).isEqualTo(201);
    assertThat(shopOf("O-1")).isEqualTo(abc);
    assertThat(replyError(order("O-2", "{\"Shop__r\":{\"Code__c\":\"ABC\"}}")))
        .as("a case-sensitive key matches exactly")
        .isEqualTo(
            "INVALID_FIELD|Foreign key external ID: ABC not found for field Code__c in entity"
                + " Shop__c|[]");
    assertThat(order("O-3", "{\"Shop__r\":{\"Number__c\":7.0}}").status()).isEqualTo(201);
    assertThat(shopOf("O-3")).as("numeric keys match by value").isEqualTo(abc);
    Client.Reply twice = order("O-4", "{\"Shop__r\":{\"Region__c\":\"North\"}}");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().get(0).get("errorCode").asText()).isEqualTo("DUPLICATE_EXTERNAL_ID");
    assertThat(twice.json().get(0).get("message").asText())
        .startsWith("Region: more than one record found for external id field: [a07");
    assertThat(replyError(order("O-5", "{\"Shop__c\":{\"Code__c\":\"AbC\"}}")))
        .as("the field name only ever takes an id")
        .startsWith("JSON_PARSER_ERROR|");

    JsonNode describe = client.get(V + "/sobjects/Order__c/describe").json();
    JsonNode previous = PolymorphicLookupIT.field(describe, "Previous__c");
    assertThat(previous.get("relationshipName").asText()).isEqualTo("Previous__r");
    assertThat(previous.get("referenceTo"))
        .extracting(JsonNode::asText)
        .containsExactly("Order__c");
    assertThat(previous.get("custom").asBoolean()).isTrue();
  }

  @Test
  void bulkDoesNotResolveAParentWrittenByTheSameJob() {
    BulkJobs bulk = new BulkJobs(client);
    JsonNode same =
        bulk.upsert(
            "Order__c", "Order_Ref__c", "Order_Ref__c,Previous__r.Order_Ref__c\nO-1,\nO-2,O-1\n");
    assertThat(same.get("numberRecordsFailed").asInt()).isEqualTo(1);
    assertThat(bulk.failedResults(same).get(0).get("sf__Error"))
        .isEqualTo(
            "INVALID_FIELD:Foreign key external ID: O-1 not found for field Order_Ref__c in"
                + " entity Order__c:--");
    JsonNode inserted =
        bulk.insert("Order__c", "Order_Ref__c,Previous__r.Order_Ref__c\nO-3,\nO-4,O-3\n");
    assertThat(inserted.get("numberRecordsFailed").asInt()).as("insert jobs too").isEqualTo(1);
    assertThat(bulk.failedResults(inserted).get(0).get("Order_Ref__c")).isEqualTo("O-4");

    JsonNode later =
        bulk.upsert("Order__c", "Order_Ref__c", "Order_Ref__c,Previous__r.Order_Ref__c\nO-2,O-1\n");
    assertThat(later.get("numberRecordsFailed").asInt()).isZero();
    assertThat(Lookups.record(sandbox, "Order__c", "Order_Ref__c", "O-2").get("Previous__c"))
        .isEqualTo(Lookups.record(sandbox, "Order__c", "Order_Ref__c", "O-1").get("Id"));
  }
}
