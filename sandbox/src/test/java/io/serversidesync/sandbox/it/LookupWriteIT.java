package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.UPSERT_CONTACTS;
import static io.serversidesync.sandbox.it.Client.V;
import static io.serversidesync.sandbox.it.Client.contacts;
import static io.serversidesync.sandbox.it.Lookups.accountIdOf;
import static io.serversidesync.sandbox.it.Lookups.replyError;
import static io.serversidesync.sandbox.it.Lookups.resultError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lookups set by the parent's external id through the single-record and Collections upserts. */
@Tag("integration")
class LookupWriteIT extends SandboxTestBase {
  private static final String C1 = V + "/sobjects/Contact/Customer_Ref__c/C-1";

  @Test
  void singleRecordUpsertSetsChangesAndClearsALookupByTheParentsExternalId() {
    String a1 = Lookups.account(client, "A-1");
    String a2 = Lookups.account(client, "A-2");

    Client.Reply created =
        client.patch(C1, "{\"LastName\":\"Ng\",\"Account\":{\"Account_Ref__c\":\"A-1\"}}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(accountIdOf(sandbox, "C-1")).isEqualTo(a1);

    Client.Reply moved =
        client.patch(
            C1, "{\"Account\":{\"attributes\":{\"type\":\"Account\"},\"account_ref__c\":\"a-2\"}}");
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    assertThat(moved.json().get("created").asBoolean()).isFalse();
    assertThat(accountIdOf(sandbox, "C-1"))
        .as("attributes.type accepted on a plain lookup; the key matches case-insensitively")
        .isEqualTo(a2);

    assertThat(client.patch(C1, "{\"AccountId\":null}").status()).isEqualTo(200);
    assertThat(accountIdOf(sandbox, "C-1")).isNull();

    assertThat(client.patch(C1, "{\"AccountId\":\"" + a1.substring(0, 15) + "\"}").status())
        .isEqualTo(200);
    assertThat(accountIdOf(sandbox, "C-1")).as("an Id still sets the field").isEqualTo(a1);

    Client.Reply posted =
        client.post(
            V + "/sobjects/Contact",
            "{\"LastName\":\"Li\",\"Customer_Ref__c\":\"C-2\",\"Account\":{\"Account_Ref__c\":\"A-2\"}}");
    assertThat(posted.status()).as(posted.text()).isEqualTo(201);
    assertThat(accountIdOf(sandbox, "C-2")).isEqualTo(a2);
    String c2 = posted.json().get("id").asText();
    Client.Reply byId =
        client.patch(V + "/sobjects/Contact/" + c2, "{\"Account\":{\"Id\":\"" + a1 + "\"}}");
    assertThat(byId.status()).as("Id is an idLookup field of the parent").isEqualTo(204);
    assertThat(accountIdOf(sandbox, "C-2")).isEqualTo(a1);
  }

  @Test
  void singleRecordMistakesAre400WithSalesforcesMessagesAndWriteNothing() {
    String a1 = Lookups.account(client, "A-1");
    assertThat(
            replyError(
                client.patch(
                    C1, "{\"LastName\":\"Ng\",\"Account\":{\"Account_Ref__c\":\"A-404\"}}")))
        .isEqualTo(
            "INVALID_FIELD|Foreign key external ID: A-404 not found for field Account_Ref__c in"
                + " entity Account|[]");
    assertThat(
            replyError(
                client.patch(
                    C1,
                    "{\"LastName\":\"Ng\",\"Account\":{\"Account_Ref__c\":\"A-1\",\"Name\":\"x\"}}")))
        .isEqualTo(
            "INVALID_FIELD|More than 1 field provided in an external foreign key reference in"
                + " entity: Account|[\"Account\"]");
    assertThat(replyError(client.patch(C1, "{\"LastName\":\"Ng\",\"Account\":\"A-1\"}")))
        .isEqualTo(
            "INVALID_FIELD|The value provided for foreign key reference Account is not a nested"
                + " SObject|[\"Account\"]");
    assertThat(
            replyError(
                client.patch(
                    C1,
                    "{\"LastName\":\"Ng\",\"AccountId\":\""
                        + a1
                        + "\",\"Account\":{\"Account_Ref__c\":\"A-1\"}}")))
        .isEqualTo(
            "INVALID_FIELD|Cannot specify both an external ID reference Account and a salesforce"
                + " id, AccountId|[\"AccountId\"]");
    assertThat(
            replyError(
                client.patch(C1, "{\"LastName\":\"Ng\",\"Account\":{\"Name\":\"Account A-1\"}}")))
        .isEqualTo(
            "INVALID_FIELD|Field name provided, Name is not an External ID or indexed field for"
                + " Account|[\"Account\"]");
    assertThat(
            replyError(
                client.patch(C1, "{\"LastName\":\"Ng\",\"Acount\":{\"Account_Ref__c\":\"A-1\"}}")))
        .as("an unknown relationship is an unknown field: the whole request fails")
        .isEqualTo("INVALID_FIELD|No such column 'Acount' on sobject of type Contact|null");
    assertThat(sandbox.records("Contact")).isEmpty();
    assertThat(sandbox.stats().records("failed.INVALID_FIELD")).isEqualTo(5);
  }

  @Test
  void collectionsUpsertFailsOnlyTheRecordsWhoseParentCannotBeResolved() {
    String a1 = Lookups.account(client, "A-1");
    String a2 = Lookups.account(client, "A-2");
    JsonNode r =
        client
            .patch(
                UPSERT_CONTACTS,
                contacts(
                    false,
                    "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\",\"Account\":{\"Account_Ref__c\":\"A-1\"}",
                    "\"Customer_Ref__c\":\"C-2\",\"LastName\":\"B\",\"Account\":{\"Account_Ref__c\":\"A-9\"}",
                    "\"Customer_Ref__c\":\"C-3\",\"LastName\":\"C\",\"Account\":{\"Account_Ref__c\":\"A-1\",\"Phone\":\"1\"}",
                    "\"Customer_Ref__c\":\"C-4\",\"LastName\":\"D\",\"Account\":\"A-1\"",
                    "\"Customer_Ref__c\":\"C-5\",\"LastName\":\"E\",\"AccountId\":\""
                        + a1
                        + "\",\"Account\":{\"Account_Ref__c\":\"A-2\"}",
                    "\"Customer_Ref__c\":\"C-6\",\"LastName\":\"F\",\"Account\":{\"Phone\":\"1\"}",
                    "\"Customer_Ref__c\":\"C-7\",\"LastName\":\"G\""))
            .json();
    assertThat(r.get(0).get("created").asBoolean()).isTrue();
    assertThat(resultError(r.get(1)))
        .isEqualTo(
            "INVALID_FIELD|Foreign key external ID: A-9 not found for field Account_Ref__c in"
                + " entity Account|[]");
    assertThat(resultError(r.get(2)))
        .startsWith("INVALID_FIELD|More than 1 field provided in an external foreign key");
    assertThat(resultError(r.get(3)))
        .startsWith("INVALID_FIELD|The value provided for foreign key reference Account");
    assertThat(resultError(r.get(4)))
        .startsWith("INVALID_FIELD|Cannot specify both an external ID reference Account");
    assertThat(resultError(r.get(5)))
        .startsWith("INVALID_FIELD|Field name provided, Phone is not an External ID");
    assertThat(r.get(6).get("success").asBoolean()).isTrue();
    assertThat(sandbox.records("Contact")).hasSize(2);
    assertThat(accountIdOf(sandbox, "C-1")).isEqualTo(a1);
    assertThat(accountIdOf(sandbox, "C-7")).isNull();

    JsonNode second =
        client
            .patch(
                UPSERT_CONTACTS,
                contacts(
                    false,
                    "\"Customer_Ref__c\":\"C-1\",\"Account\":{\"Account_Ref__c\":\"A-2\"}",
                    "\"Customer_Ref__c\":\"C-7\",\"AccountId\":\"" + a1 + "\""))
            .json();
    assertThat(second.get(0).get("created").asBoolean()).isFalse();
    assertThat(accountIdOf(sandbox, "C-1")).isEqualTo(a2);
    assertThat(accountIdOf(sandbox, "C-7")).isEqualTo(a1);

    client.patch(
        UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-1\",\"AccountId\":null"));
    assertThat(accountIdOf(sandbox, "C-1")).isNull();

    JsonNode created =
        client
            .post(
                V + "/composite/sobjects",
                contacts(
                    false,
                    "\"Customer_Ref__c\":\"C-8\",\"LastName\":\"H\",\"Account\":{\"Account_Ref__c\":\"A-2\"}"))
            .json();
    assertThat(created.get(0).get("success").asBoolean()).as(created.toString()).isTrue();
    assertThat(accountIdOf(sandbox, "C-8")).as("collections create too").isEqualTo(a2);
  }

  @Test
  void withAllOrNoneAMissingParentRollsTheOthersBack() {
    Lookups.account(client, "A-1");
    JsonNode r =
        client
            .patch(
                UPSERT_CONTACTS,
                contacts(
                    true,
                    "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\",\"Account\":{\"Account_Ref__c\":\"A-1\"}",
                    "\"Customer_Ref__c\":\"C-2\",\"LastName\":\"B\",\"Account\":{\"Account_Ref__c\":\"A-2\"}"))
            .json();
    assertThat(r.get(0).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(resultError(r.get(1))).contains("Foreign key external ID: A-2 not found");
    assertThat(sandbox.records("Contact")).isEmpty();
  }
}
