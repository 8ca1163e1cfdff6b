package io.serversidesync.runner.destination.salesforce.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissingParentErrorTest {

  private static SalesforceError invalidField(String message) {
    return new SalesforceError("INVALID_FIELD", message, List.of());
  }

  @Test
  void readsTheParentAndItsKeyFromTheRestMessage() {
    RecordOutcome outcome =
        RecordErrors.outcome(
            List.of(
                invalidField(
                    "Foreign key external ID: A-17 not found for field Account_Ref__c in entity"
                        + " Account")));
    assertThat(outcome)
        .isEqualTo(
            new RecordOutcome.MissingParent(
                "INVALID_FIELD",
                "Foreign key external ID: A-17 not found for field Account_Ref__c in entity"
                    + " Account",
                "Account",
                "A-17"));
  }

  @Test
  void readsTheBulkFormWithItsTail() {
    assertThat(
            MissingParentError.of(
                invalidField(
                    "Foreign key external ID: 1580 not found for field Rep__c in entity User:--")))
        .hasValueSatisfying(
            m -> {
              assertThat(m.parentObject()).isEqualTo("User");
              assertThat(m.parentKey()).isEqualTo("1580");
            });
  }

  @Test
  void otherInvalidFieldErrorsAndSeveralProblemsArePermanent() {
    assertThat(
            RecordErrors.outcome(
                List.of(
                    invalidField(
                        "More than 1 field provided in an external foreign key reference in"
                            + " entity: Account"))))
        .isInstanceOf(RecordOutcome.Permanent.class);
    assertThat(
            RecordErrors.outcome(
                List.of(
                    invalidField(
                        "Foreign key external ID: A-1 not found for field Account_Ref__c in"
                            + " entity Account"),
                    new SalesforceError(
                        "STRING_TOO_LONG",
                        "Last Name: data value too large",
                        List.of("LastName")))))
        .isInstanceOf(RecordOutcome.Permanent.class);
  }
}
