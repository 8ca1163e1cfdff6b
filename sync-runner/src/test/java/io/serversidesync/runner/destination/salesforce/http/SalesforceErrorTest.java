package io.serversidesync.runner.destination.salesforce.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SalesforceErrorTest {

  @Test
  void readsRequestLevelErrorArrays() {
    assertThat(
            SalesforceError.parseAll(
                "[{\"message\":\"No such column 'Emial' on sobject of type Contact\","
                    + "\"errorCode\":\"INVALID_FIELD\",\"fields\":[\"Emial\"]}]"))
        .containsExactly(
            new SalesforceError(
                "INVALID_FIELD",
                "No such column 'Emial' on sobject of type Contact",
                List.of("Emial")));
  }

  @Test
  void readsRecordLevelAndOAuthErrors() {
    assertThat(
            SalesforceError.parseAll(
                "{\"statusCode\":\"UNABLE_TO_LOCK_ROW\",\"message\":\"unable to obtain exclusive"
                    + " access to this record\"}"))
        .extracting(SalesforceError::code)
        .containsExactly("UNABLE_TO_LOCK_ROW");
    assertThat(
            SalesforceError.parseAll(
                "{\"error\":\"invalid_client\",\"error_description\":\"invalid client"
                    + " credentials\"}"))
        .containsExactly(
            new SalesforceError("invalid_client", "invalid client credentials", List.of()));
  }

  @Test
  void htmlAndEmptyBodiesHaveNoErrors() {
    assertThat(SalesforceError.parseAll("<html><body>Maintenance</body></html>")).isEmpty();
    assertThat(SalesforceError.parseAll("")).isEmpty();
    assertThat(SalesforceError.parseAll(null)).isEmpty();
    assertThat(SalesforceError.parseAll("[{\"unrelated\":1}]")).isEmpty();
  }
}
