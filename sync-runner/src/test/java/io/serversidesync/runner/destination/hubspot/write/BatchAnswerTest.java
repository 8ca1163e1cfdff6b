package io.serversidesync.runner.destination.hubspot.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.KeyMatching;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a batch upsert's 200 and 207 answers by input, without HubSpot. */
class BatchAnswerTest {

  private static final String MULTI_STATUS =
      """
      {"status":"COMPLETE",
       "results":[
         {"id":"512","properties":{"customer_ref":"C-1","hs_object_id":"512"},"new":true},
         {"id":"513","properties":{"customer_ref":"c-2","hs_object_id":"513"},"new":false}],
       "numErrors":1,
       "errors":[{"status":"error","category":"VALIDATION_ERROR",
         "message":"Property values were not valid: [{\\"isValid\\":false,\\"message\\":\\"abc was not a valid number.\\",\\"error\\":\\"INVALID_INTEGER\\",\\"name\\":\\"score\\"}]",
         "context":{"ids":["C-3"]}}]}
      """;

  private static BatchAnswer parse(String body) throws DestinationException {
    return BatchAnswer.parse(body, "customer_ref", KeyMatching.IGNORING_CASE);
  }

  @Test
  void resultsAreFoundByTheUniquePropertyWithTheirIdAndWhetherCreated() throws Exception {
    BatchAnswer answer = parse(MULTI_STATUS);

    assertThat(answer.written("C-1")).isEqualTo(new BatchAnswer.Written("512", true));
    assertThat(answer.written("C-1").created()).isTrue();
    assertThat(answer.failed("C-1")).isNull();
  }

  @Test
  void resultsMatchTheirInputIgnoringCase() throws Exception {
    assertThat(parse(MULTI_STATUS).written("C-2")).isEqualTo(new BatchAnswer.Written("513", false));
  }

  @Test
  void anErrorIsFoundByContextIdsWithHubSpotsCategoryMessageAndProperty() throws Exception {
    BatchAnswer.Failed failed = parse(MULTI_STATUS).failed("c-3");

    assertThat(failed.category()).isEqualTo("VALIDATION_ERROR");
    assertThat(failed.message())
        .startsWith("Property values were not valid: ")
        .contains("abc was not a valid number.");
    assertThat(failed.properties()).containsExactly("score");
  }

  @Test
  void anInputTheAnswerNamesNowhereIsNeitherWrittenNorFailed() throws Exception {
    BatchAnswer answer = parse(MULTI_STATUS);

    assertThat(answer.written("C-4")).isNull();
    assertThat(answer.failed("C-4")).isNull();
  }

  @Test
  void anAllSuccessfulAnswerHasNoErrors() throws Exception {
    BatchAnswer answer =
        parse(
            """
            {"status":"COMPLETE","results":[{"id":"7","properties":{"customer_ref":"K"},"new":false}]}
            """);

    assertThat(answer.written("K")).isEqualTo(new BatchAnswer.Written("7", false));
    assertThat(answer.failed("K")).isNull();
  }

  @Test
  void anUnreadableAnswerIsTransient() {
    DestinationException e =
        catchThrowableOfType(DestinationException.class, () -> parse("<html>502</html>"));

    assertThat(e.kind()).isEqualTo(DestinationException.Kind.TRANSIENT);
    assertThat(e.getMessage()).startsWith("HubSpot's batch answer cannot be read (not JSON");
  }

  @Test
  void anErrorNamingASingleIdIsFoundToo() throws Exception {
    BatchAnswer answer =
        parse(
            """
            {"status":"COMPLETE","results":[],"errors":[{"category":"VALIDATION_ERROR",
             "message":"bad","context":{"id":"C-9"}}]}
            """);

    assertThat(answer.failed("C-9").message()).isEqualTo("bad");
    assertThat(answer.failed("C-9").properties()).isEqualTo(List.of());
  }
}
