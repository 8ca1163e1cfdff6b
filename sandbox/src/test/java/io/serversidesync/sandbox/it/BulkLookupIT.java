package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Lookups.accountIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bulk API 2.0 CSV columns {@code Relationship.Field} that set a lookup by the parent's key. */
@Tag("integration")
class BulkLookupIT extends SandboxTestBase {

  private JsonNode contacts(String csv) {
    return new BulkJobs(client).upsert("Contact", "Customer_Ref__c", csv);
  }

  @Test
  void relationshipColumnSetsAndChangesTheLookupAndOnlyAMissingParentsRowFails() {
    String a1 = Lookups.account(client, "A-1");
    String a2 = Lookups.account(client, "A-2");
    BulkJobs bulk = new BulkJobs(client);
    JsonNode first =
        contacts(
            "Customer_Ref__c,LastName,Account.Account_Ref__c\n"
                + "C-1,One,A-1\n"
                + "C-2,Two,a-2\n"
                + "C-3,Three,A-404\n"
                + "C-4,Four,\n");
    assertThat(first.get("state").asText()).isEqualTo("JobComplete");
    assertThat(first.get("numberRecordsProcessed").asInt()).isEqualTo(4);
    assertThat(first.get("numberRecordsFailed").asInt()).isEqualTo(1);
    assertThat(accountIdOf(sandbox, "C-1")).isEqualTo(a1);
    assertThat(accountIdOf(sandbox, "C-2")).as("matched case-insensitively").isEqualTo(a2);
    assertThat(accountIdOf(sandbox, "C-4")).isNull();
    List<Map<String, String>> failed = bulk.failedResults(first);
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0))
        .containsEntry("Customer_Ref__c", "C-3")
        .containsEntry("Account.Account_Ref__c", "A-404")
        .containsEntry(
            "sf__Error",
            "INVALID_FIELD:Foreign key external ID: A-404 not found for field Account_Ref__c in"
                + " entity Account:--");
    assertThat(bulk.successfulResults(first))
        .extracting(r -> r.get("Account.Account_Ref__c"))
        .containsExactly("A-1", "a-2", "");

    JsonNode second = contacts("Customer_Ref__c,Account.Account_Ref__c\nC-1,A-2\nC-2,\nC-4,A-1\n");
    assertThat(second.get("numberRecordsFailed").asInt()).isZero();
    assertThat(accountIdOf(sandbox, "C-1")).isEqualTo(a2);
    assertThat(accountIdOf(sandbox, "C-2")).as("an empty cell leaves the lookup").isEqualTo(a2);
    assertThat(accountIdOf(sandbox, "C-4")).isEqualTo(a1);
  }

  @Test
  void naInTheLookupFieldsOwnColumnClearsIt() {
    String a1 = Lookups.account(client, "A-1");
    contacts("Customer_Ref__c,LastName,Account.Account_Ref__c\nC-1,One,A-1\nC-2,Two,A-1\n");
    JsonNode cleared = contacts("Customer_Ref__c,AccountId\nC-1,#N/A\nC-2,\n");
    assertThat(cleared.get("numberRecordsFailed").asInt()).isZero();
    assertThat(accountIdOf(sandbox, "C-1")).isNull();
    assertThat(accountIdOf(sandbox, "C-2")).isEqualTo(a1);

    JsonNode both =
        contacts("Customer_Ref__c,AccountId,Account.Account_Ref__c\nC-2,#N/A,A-1\nC-1,,A-1\n");
    assertThat(new BulkJobs(client).failedResults(both))
        .extracting(r -> r.get("sf__Error"))
        .containsExactly(
            "INVALID_FIELD:Cannot specify both an external ID reference Account and a salesforce"
                + " id, AccountId:AccountId --");
    assertThat(accountIdOf(sandbox, "C-1")).isEqualTo(a1);
  }

  @Test
  void headerMistakesFailTheWholeJobBeforeAnyRow() {
    Lookups.account(client, "A-1");
    assertThat(failedJob("Customer_Ref__c,LastName,Acount.Account_Ref__c\nC-1,One,A-1\n"))
        .isEqualTo("InvalidBatch : Unable to find relationship: Acount");
    assertThat(failedJob("Customer_Ref__c,LastName,AccountId.Account_Ref__c\nC-1,One,A-1\n"))
        .as("the field name is not the relationship name")
        .isEqualTo("InvalidBatch : Unable to find relationship: AccountId");
    assertThat(failedJob("Customer_Ref__c,LastName,Account:Account.Account_Ref__c\nC-1,One,A-1\n"))
        .isEqualTo(
            "InvalidBatch : type is not needed for non polymorphic foreign key references:"
                + " Account");
    assertThat(failedJob("Customer_Ref__c,LastName,Account.Nope__c\nC-1,One,A-1\n"))
        .isEqualTo("InvalidBatch : Field name not found : Account.Nope__c");
    assertThat(failedJob("Customer_Ref__c,LastName,Account.Name\nC-1,One,Account A-1\n"))
        .isEqualTo(
            "InvalidBatch : Field name provided, Name is not an External ID or indexed field for"
                + " Account");
    assertThat(failedJob("Customer_Ref__c,LastName,Account.Owner.Email\nC-1,One,x@y.z\n"))
        .as("one level only")
        .isEqualTo("InvalidBatch : Field name not found : Account.Owner.Email");
    assertThat(failedJob("Customer_Ref__c,LastName,Nickname\nC-1,One,Al\n"))
        .isEqualTo("InvalidBatch : Field name not found : Nickname");
    assertThat(sandbox.records("Contact")).isEmpty();
  }

  private String failedJob(String csv) {
    JsonNode job = contacts(csv);
    assertThat(job.get("state").asText()).isEqualTo("Failed");
    assertThat(job.get("numberRecordsProcessed").asInt()).isZero();
    return job.get("errorMessage").asText();
  }
}
