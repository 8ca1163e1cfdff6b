package io.serversidesync.runner.destination.salesforce.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkResultsTest {

  @Test
  void splitsTheErrorIntoCodeMessageAndFields() {
    assertThat(
            BulkResults.error(
                "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --"))
        .isEqualTo(
            new SalesforceError(
                "REQUIRED_FIELD_MISSING",
                "Required fields are missing: [LastName]",
                List.of("LastName")));
    assertThat(
            BulkResults.error(
                "STRING_TOO_LONG:Last Name: data value too large: xxxx (max length=80):LastName --"))
        .isEqualTo(
            new SalesforceError(
                "STRING_TOO_LONG",
                "Last Name: data value too large: xxxx (max length=80)",
                List.of("LastName")));
    assertThat(BulkResults.error("DUPLICATE_VALUE:duplicate value found: Email, Phone --").fields())
        .containsExactly("Email", "Phone");
  }

  @Test
  void errorsWithoutTheUsualShapeKeepTheirText() {
    assertThat(BulkResults.error("UNABLE_TO_LOCK_ROW:unable to obtain exclusive access"))
        .isEqualTo(
            new SalesforceError(
                "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access", List.of()));
    assertThat(BulkResults.error("something odd happened"))
        .isEqualTo(new SalesforceError("BULK_ERROR", "something odd happened", List.of()));
    assertThat(BulkResults.error("").code()).isEqualTo("UNKNOWN_ERROR");
  }

  @Test
  void mapsRowsToOutcomes() {
    assertThat(BulkResults.success(Map.of("sf__Id", "003X", "sf__Created", "true")))
        .isEqualTo(new RecordOutcome.Ok("003X", true));
    assertThat(BulkResults.failure(Map.of("SF__ERROR", "UNABLE_TO_LOCK_ROW:locked")))
        .isInstanceOf(RecordOutcome.Retryable.class);
    assertThat(BulkResults.failure(Map.of("sf__Error", "INVALID_FIELD:bad:Email --")))
        .isEqualTo(new RecordOutcome.Permanent("INVALID_FIELD", "bad", List.of("Email")));
  }
}
