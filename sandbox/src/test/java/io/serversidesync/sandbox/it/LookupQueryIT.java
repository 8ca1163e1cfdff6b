package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.V;
import static io.serversidesync.sandbox.it.Lookups.accountIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reading lookups back: parent fields in SOQL, and what deleting a parent does to them. */
@Tag("integration")
class LookupQueryIT extends SandboxTestBase {

  private Client.Reply query(String soql) {
    return client.get(V + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
  }

  private void contactOf(String ref, String accountRef) {
    String account =
        accountRef == null ? "" : ",\"Account\":{\"Account_Ref__c\":\"" + accountRef + "\"}";
    Lookups.upsert(
        client,
        "Contact",
        "Customer_Ref__c",
        ref,
        "{\"LastName\":\"L" + ref + "\"" + account + "}");
  }

  @Test
  void parentFieldsComeNestedUnderTheRelationshipNameOrNullWithoutParent() {
    String a1 = Lookups.account(client, "A-17");
    contactOf("C-1", "A-17");
    contactOf("C-2", null);
    JsonNode body =
        query(
                "SELECT Id, AccountId, Account.Account_Ref__c, LastName, account.name FROM Contact"
                    + " WHERE Customer_Ref__c IN ('C-1', 'C-2') ORDER BY Customer_Ref__c")
            .json();
    assertThat(body.get("totalSize").asInt()).isEqualTo(2);
    JsonNode with = body.get("records").get(0);
    List<String> keys = new ArrayList<>();
    with.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .as("the parent sits where its first field was selected")
        .containsExactly("attributes", "Id", "AccountId", "Account", "LastName");
    JsonNode account = with.get("Account");
    assertThat(account.get("attributes").get("type").asText()).isEqualTo("Account");
    assertThat(account.get("attributes").get("url").asText())
        .isEqualTo(V + "/sobjects/Account/" + a1);
    assertThat(account.get("Account_Ref__c").asText()).isEqualTo("A-17");
    assertThat(account.get("Name").asText()).as("declared spelling").isEqualTo("Account A-17");
    assertThat(with.get("AccountId").asText()).isEqualTo(a1);

    JsonNode without = body.get("records").get(1);
    assertThat(without.has("Account")).isTrue();
    assertThat(without.get("Account").isNull()).isTrue();
    assertThat(without.get("AccountId").isNull()).isTrue();

    JsonNode tasks = query("SELECT Id, What.Account_Ref__c FROM Task").json();
    assertThat(tasks.get("totalSize").asInt()).isZero();
  }

  @Test
  void unknownRelationshipsAndPolymorphicFieldsAreInvalidField() {
    Client.Reply unknown = query("SELECT Id, Acount.Name FROM Contact");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
    assertThat(unknown.json().get(0).get("message").asText())
        .contains("ERROR at Row:1:Column:12")
        .contains("Didn't understand relationship 'Acount' in field path");
    Client.Reply column = query("SELECT Account.Nope FROM Contact");
    assertThat(column.json().get(0).get("message").asText())
        .contains("No such column 'Nope' on entity 'Account'");
    Client.Reply who = query("SELECT Who.Customer_Ref__c FROM Task");
    assertThat(who.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
    assertThat(who.json().get(0).get("message").asText())
        .contains("No such column 'Customer_Ref__c' on entity 'Name'");
  }

  @Test
  void deletingAParentClearsTheLookupsThatPointToItAndNothingElse() {
    String a1 = Lookups.account(client, "A-1");
    String a2 = Lookups.account(client, "A-2");
    contactOf("C-1", "A-1");
    contactOf("C-2", "A-1");
    contactOf("C-3", "A-2");
    Object stamp =
        Lookups.record(sandbox, "Contact", "Customer_Ref__c", "C-1").get("SystemModstamp");
    sandbox.clock().advance(java.time.Duration.ofMinutes(1));

    assertThat(client.delete(V + "/sobjects/Account/" + a1).status()).isEqualTo(204);
    assertThat(accountIdOf(sandbox, "C-1")).isNull();
    assertThat(accountIdOf(sandbox, "C-2")).isNull();
    assertThat(accountIdOf(sandbox, "C-3")).isEqualTo(a2);
    assertThat(Lookups.record(sandbox, "Contact", "Customer_Ref__c", "C-1").get("SystemModstamp"))
        .as("the child is not edited")
        .isEqualTo(stamp);

    JsonNode rolledBack =
        client
            .delete(V + "/composite/sobjects?allOrNone=true&ids=" + a2 + ",001000000000000AAA")
            .json();
    assertThat(rolledBack.get(0).get("success").asBoolean()).isFalse();
    assertThat(accountIdOf(sandbox, "C-3")).as("rolled back: still pointing").isEqualTo(a2);

    assertThat(client.delete(V + "/sobjects/Account/Account_Ref__c/A-2").status()).isEqualTo(204);
    assertThat(accountIdOf(sandbox, "C-3")).isNull();
    JsonNode body = query("SELECT Account.Name FROM Contact").json();
    assertThat(body.get("records").findValues("Account")).hasSize(3).allMatch(JsonNode::isNull);
  }
}
