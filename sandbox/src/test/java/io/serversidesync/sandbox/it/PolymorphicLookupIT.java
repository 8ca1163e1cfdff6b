package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.V;
import static io.serversidesync.sandbox.it.Lookups.replyError;
import static io.serversidesync.sandbox.it.Lookups.resultError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Task.WhoId points to a Contact or a Lead: every value says which, in JSON and in Bulk CSV. */
@Tag("integration")
class PolymorphicLookupIT extends SandboxTestBase {
  private static final String T1 = V + "/sobjects/Task/Task_Ref__c/T-1";

  private Object whoOf(String taskRef) {
    return Lookups.record(sandbox, "Task", "Task_Ref__c", taskRef).get("WhoId");
  }

  @Test
  void describeMarksPolymorphicLookupsAndNamesEveryRelationship() {
    JsonNode task = client.get(V + "/sobjects/Task/describe").json();
    assertThat(task.get("keyPrefix").asText()).isEqualTo("00T");
    JsonNode who = field(task, "WhoId");
    assertThat(who.get("type").asText()).isEqualTo("reference");
    assertThat(who.get("referenceTo"))
        .extracting(JsonNode::asText)
        .containsExactly("Contact", "Lead");
    assertThat(who.get("relationshipName").asText()).isEqualTo("Who");
    assertThat(who.get("polymorphicForeignKey").asBoolean()).isTrue();
    assertThat(who.get("namePointing").asBoolean()).isTrue();
    assertThat(who.get("nillable").asBoolean()).isTrue();
    assertThat(who.get("cascadeDelete").asBoolean()).isFalse();
    JsonNode what = field(task, "WhatId");
    assertThat(what.get("referenceTo")).extracting(JsonNode::asText).containsExactly("Account");
    assertThat(what.get("relationshipName").asText()).isEqualTo("What");
    assertThat(what.get("polymorphicForeignKey").asBoolean()).isFalse();
    assertThat(what.get("namePointing").asBoolean()).isFalse();
    assertThat(field(task, "Task_Ref__c").get("externalId").asBoolean()).isTrue();
    assertThat(field(task, "Subject").get("length").asInt()).isEqualTo(255);
    assertThat(field(task, "Id").get("relationshipName").isNull()).isTrue();
    assertThat(field(task, "CreatedById").get("relationshipName").asText()).isEqualTo("CreatedBy");

    JsonNode contact = client.get(V + "/sobjects/Contact/describe").json();
    JsonNode account = field(contact, "AccountId");
    assertThat(account.get("relationshipName").asText()).isEqualTo("Account");
    assertThat(account.get("polymorphicForeignKey").asBoolean()).isFalse();
    assertThat(account.get("namePointing").asBoolean()).isFalse();

    JsonNode lead = client.get(V + "/sobjects/Lead/describe").json();
    assertThat(lead.get("keyPrefix").asText()).isEqualTo("00Q");
    assertThat(field(lead, "LastName").get("nillable").asBoolean()).isFalse();
    assertThat(field(lead, "Lead_Ref__c").get("idLookup").asBoolean()).isTrue();
    assertThat(client.get(V + "/sobjects").json().get("sobjects").findValuesAsText("name"))
        .contains("Account", "Contact", "Lead", "Task");
  }

  @Test
  void jsonNamesTheParentsTypeInAttributes() {
    String contact = Lookups.contact(client, "C-1");
    String lead = Lookups.lead(client, "L-1");
    Client.Reply created =
        client.patch(
            T1,
            "{\"Subject\":\"Call\",\"Who\":{\"attributes\":{\"type\":\"Contact\"},\"Customer_Ref__c\":\"C-1\"}}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(whoOf("T-1")).isEqualTo(contact);

    Client.Reply moved =
        client.patch(T1, "{\"Who\":{\"attributes\":{\"type\":\"lead\"},\"Lead_Ref__c\":\"L-1\"}}");
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    assertThat(whoOf("T-1")).isEqualTo(lead);

    assertThat(replyError(client.patch(T1, "{\"Who\":{\"Customer_Ref__c\":\"C-1\"}}")))
        .isEqualTo(
            "INVALID_FIELD|The foreign key reference Who is polymorphic: name the parent's type in"
                + " attributes.type, one of Contact, Lead|[\"Who\"]");
    assertThat(
            replyError(
                client.patch(
                    T1,
                    "{\"Who\":{\"attributes\":{\"type\":\"Account\"},\"Account_Ref__c\":\"A-1\"}}")))
        .isEqualTo(
            "INVALID_FIELD|The type Account is not one the foreign key reference Who can point to:"
                + " Contact, Lead|[\"Who\"]");
    assertThat(
            replyError(
                client.patch(
                    T1,
                    "{\"Who\":{\"attributes\":{\"type\":\"Lead\"},\"Customer_Ref__c\":\"C-1\"}}")))
        .as("the key field is looked up on the type named")
        .isEqualTo(
            "INVALID_FIELD|No such column 'Customer_Ref__c' on sobject of type Lead|[\"Who\"]");
    assertThat(
            replyError(
                client.patch(
                    T1,
                    "{\"Who\":{\"attributes\":{\"type\":\"Contact\"},\"Customer_Ref__c\":\"L-1\"}}")))
        .isEqualTo(
            "INVALID_FIELD|Foreign key external ID: L-1 not found for field Customer_Ref__c in"
                + " entity Contact|[]");
    assertThat(whoOf("T-1")).as("failed writes leave the lookup alone").isEqualTo(lead);

    JsonNode collection =
        client
            .patch(
                V + "/composite/sobjects/Task/Task_Ref__c",
                "{\"allOrNone\":false,\"records\":["
                    + "{\"attributes\":{\"type\":\"Task\"},\"Task_Ref__c\":\"T-1\","
                    + "\"Who\":{\"attributes\":{\"type\":\"Contact\"},\"Customer_Ref__c\":\"C-1\"}},"
                    + "{\"attributes\":{\"type\":\"Task\"},\"Task_Ref__c\":\"T-2\","
                    + "\"Who\":{\"Lead_Ref__c\":\"L-1\"}}]}")
            .json();
    assertThat(collection.get(0).get("success").asBoolean()).isTrue();
    assertThat(resultError(collection.get(1))).contains("is polymorphic");
    assertThat(whoOf("T-1")).isEqualTo(contact);
  }

  @Test
  void bulkHeaderPutsTheTypeFirst() {
    String contact = Lookups.contact(client, "C-1");
    String lead = Lookups.lead(client, "L-1");
    BulkJobs bulk = new BulkJobs(client);
    JsonNode job =
        bulk.upsert(
            "Task",
            "Task_Ref__c",
            "Task_Ref__c,Subject,Contact:Who.Customer_Ref__c\nT-1,Call,C-1\nT-2,Mail,C-404\n");
    assertThat(job.get("state").asText()).isEqualTo("JobComplete");
    assertThat(job.get("numberRecordsFailed").asInt()).isEqualTo(1);
    assertThat(whoOf("T-1")).isEqualTo(contact);
    assertThat(bulk.failedResults(job))
        .extracting(r -> r.get("sf__Error"))
        .containsExactly(
            "INVALID_FIELD:Foreign key external ID: C-404 not found for field Customer_Ref__c in"
                + " entity Contact:--");

    JsonNode leads =
        bulk.upsert("Task", "Task_Ref__c", "Task_Ref__c,Lead:Who.Lead_Ref__c\nT-1,L-1\n");
    assertThat(leads.get("numberRecordsFailed").asInt()).as(leads.toString()).isZero();
    assertThat(whoOf("T-1")).isEqualTo(lead);

    assertThat(failedJob(bulk, "Task_Ref__c,Who.Customer_Ref__c\nT-1,C-1\n"))
        .isEqualTo(
            "InvalidBatch : type is needed for polymorphic foreign key references: Who (write"
                + " Type:Who.Customer_Ref__c with Type one of Contact, Lead)");
    assertThat(failedJob(bulk, "Task_Ref__c,Account:Who.Account_Ref__c\nT-1,A-1\n"))
        .isEqualTo(
            "InvalidBatch : Account is not a type the polymorphic foreign key reference Who can"
                + " point to: Contact, Lead");
    assertThat(failedJob(bulk, "Task_Ref__c,Who:Contact.Customer_Ref__c\nT-1,C-1\n"))
        .as("the token before the colon is the type, so the relationship is Contact")
        .isEqualTo("InvalidBatch : Unable to find relationship: Contact");
    assertThat(whoOf("T-1")).isEqualTo(lead);
  }

  private static String failedJob(BulkJobs bulk, String csv) {
    JsonNode job = bulk.upsert("Task", "Task_Ref__c", csv);
    assertThat(job.get("state").asText()).isEqualTo("Failed");
    assertThat(job.get("numberRecordsProcessed").asInt()).isZero();
    return job.get("errorMessage").asText();
  }

  static JsonNode field(JsonNode describe, String name) {
    for (JsonNode f : describe.get("fields")) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no field " + name);
  }
}
