package io.serversidesync.runner.destination.salesforce;

import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.DATA;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.contact;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SalesforceBulkTest {

  private static final String JOBS = DATA + "/jobs/ingest";
  private static final String JOB = JOBS + "/750JOB";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SalesforceFixture sf;

  SalesforceBulkTest() throws Exception {
    sf = new SalesforceFixture();
    sf.routes.on("POST", JOBS, r -> json(200, "{\"id\":\"750JOB\",\"state\":\"Open\"}"));
    sf.routes.on("PUT", JOB + "/batches", r -> new MockResponse().setResponseCode(201));
    sf.routes.on(
        "PATCH",
        JOB,
        r ->
            json(
                200,
                "{\"id\":\"750JOB\",\"state\":\""
                    + (r.getBody().clone().readUtf8().contains("Aborted")
                        ? "Aborted"
                        : "UploadComplete")
                    + "\"}"));
  }

  @AfterEach
  void stop() throws Exception {
    sf.close();
  }

  private static MockResponse job(String state, int processed, int failed, String error) {
    return json(
        200,
        "{\"id\":\"750JOB\",\"state\":\""
            + state
            + "\",\"numberRecordsProcessed\":"
            + processed
            + ",\"numberRecordsFailed\":"
            + failed
            + ",\"errorMessage\":"
            + (error == null ? "null" : "\"" + error + "\"")
            + "}");
  }

  private static MockResponse csv(String body) {
    return new MockResponse().setHeader("Content-Type", "text/csv").setBody(body);
  }

  private WriteResult bulk(WriteOperation operation, List<DestinationRecord> records)
      throws DestinationException {
    SalesforceDestination destination = sf.destination();
    DeliveryPath bulk = destination.deliveryPaths().get(1);
    assertThat(bulk.name()).isEqualTo("bulk");
    return destination.write(bulk, operation, records);
  }

  @Test
  void upsertsThroughAJobAndReadsEveryRecordsOutcomeFromTheResultFiles() throws Exception {
    sf.routes.onSequence(
        "GET",
        JOB,
        job("UploadComplete", 0, 0, null),
        job("InProgress", 2, 0, null),
        job("JobComplete", 4, 2, null));
    sf.routes.on(
        "GET",
        JOB + "/successfulResults/",
        r ->
            csv(
                "\"sf__Created\",\"sf__Id\",\"Customer_Ref__c\",\"LastName\",\"Email\"\n"
                    + "\"false\",\"003B\",\"c-2\",\"Lee\",\"\"\n"
                    + "\"true\",\"003A\",\"C-1\",\"O\"\"Brien, Jr.\",\"#N/A\"\n"));
    sf.routes.on(
        "GET",
        JOB + "/failedResults/",
        r ->
            csv(
                "\"sf__Id\",\"sf__Error\",\"Customer_Ref__c\",\"LastName\",\"Email\"\n"
                    + "\"\",\"STRING_TOO_LONG:Last Name: data value too large: xxx (max"
                    + " length=80):LastName --\",\"C-3\",\"xxx\",\"\"\n"
                    + "\"\",\"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this"
                    + " record\",\"C-4\",\"Kim\",\"\"\n"));
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("Customer_Ref__c", "C-1");
    withNull.put("LastName", "O\"Brien, Jr.");
    withNull.put("Email", null);

    WriteResult result =
        bulk(
            WriteOperation.UPSERT,
            List.of(
                new DestinationRecord("C-1", withNull),
                contact("C-2", "Lee"),
                contact("C-3", "xxx"),
                contact("C-4", "Kim")));

    assertThat(result.outcomes())
        .containsExactly(
            new RecordOutcome.Ok("003A", true),
            new RecordOutcome.Ok("003B", false),
            new RecordOutcome.Permanent(
                "STRING_TOO_LONG",
                "Last Name: data value too large: xxx (max length=80)",
                List.of("LastName")),
            new RecordOutcome.Retryable(
                "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", null));

    JsonNode create = JSON.readTree(sf.routes.requests("POST", JOBS).get(0).getBody().readUtf8());
    assertThat(create.get("object").asText()).isEqualTo("Contact");
    assertThat(create.get("operation").asText()).isEqualTo("upsert");
    assertThat(create.get("externalIdFieldName").asText()).isEqualTo("Customer_Ref__c");
    assertThat(create.get("contentType").asText()).isEqualTo("CSV");
    assertThat(create.get("lineEnding").asText()).isEqualTo("LF");
    RecordedRequest upload = sf.routes.requests("PUT", JOB + "/batches").get(0);
    assertThat(upload.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(upload.getBody().readUtf8())
        .isEqualTo(
            "Customer_Ref__c,LastName,Email\n"
                + "C-1,\"O\"\"Brien, Jr.\",#N/A\n"
                + "C-2,Lee,\n"
                + "C-3,xxx,\n"
                + "C-4,Kim,\n");
    assertThat(sf.routes.requests("PATCH", JOB).get(0).getBody().readUtf8())
        .isEqualTo("{\"state\":\"UploadComplete\"}");
    // Queued after 1 s: the wait grows. Half done after 2.5 s: the next poll comes when the job
    // should end at that rate, 2.5 s later, plus 15 %.
    assertThat(sf.time.sleeps())
        .containsExactly(Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofMillis(2875));
    assertThat(sf.telemetry.calls())
        .containsExactly(
            "oauth-token 200",
            "describe 200",
            "bulk-create 200",
            "bulk-upload 201",
            "bulk-close 200",
            "bulk-poll 200",
            "bulk-poll 200",
            "bulk-poll 200",
            "bulk-results-successful 200",
            "bulk-results-failed 200");
  }

  @Test
  void aJobWithoutFailuresDownloadsOnlyTheSuccessfulResults() throws Exception {
    sf.routes.on("GET", JOB, r -> job("JobComplete", 1, 0, null));
    sf.routes.on(
        "GET",
        JOB + "/successfulResults/",
        r -> csv("sf__Id,sf__Created,Customer_Ref__c,LastName\n003A,true,C-1,Ng\n"));
    WriteResult result = bulk(WriteOperation.UPSERT, List.of(contact("C-1", "Ng")));
    assertThat(result.outcomes()).containsExactly(new RecordOutcome.Ok("003A", true));
    assertThat(sf.telemetry.calls("bulk-results-failed")).isZero();
  }

  @Test
  void recordsAJobLeftUnprocessedAreHandedBackForRetry() throws Exception {
    sf.routes.on("GET", JOB, r -> job("Failed", 1, 0, "InternalServerError : retry later"));
    sf.routes.on(
        "GET",
        JOB + "/successfulResults/",
        r -> csv("sf__Id,sf__Created,Customer_Ref__c,LastName\n003A,true,C-1,Ng\n"));

    WriteResult result =
        bulk(WriteOperation.UPSERT, List.of(contact("C-1", "Ng"), contact("C-2", "Lee")));

    assertThat(result.outcomes().get(0)).isEqualTo(new RecordOutcome.Ok("003A", true));
    RecordOutcome.Retryable unprocessed = (RecordOutcome.Retryable) result.outcomes().get(1);
    assertThat(unprocessed.code()).isEqualTo("BULK_UNPROCESSED");
    assertThat(unprocessed.message()).contains("ended Failed").contains("retry later");
  }

  @Test
  void aJobThatFailedBeforeProcessingAnythingFailsTheWrite() throws Exception {
    sf.routes.on("GET", JOB, r -> job("Failed", 0, 0, "InternalServerError : try again"));
    assertThatThrownBy(() -> bulk(WriteOperation.UPSERT, List.of(contact("C-1", "Ng"))))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
              assertThat(e.getMessage()).contains("750JOB").contains("try again");
            });
    sf.routes.on(
        "GET", JOB, r -> job("Failed", 0, 0, "InvalidBatch : Field name not found : Emial"));
    assertThatThrownBy(() -> bulk(WriteOperation.UPSERT, List.of(contact("C-1", "Ng"))))
        .isInstanceOfSatisfying(
            DestinationException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION));
  }

  @Test
  void aPollThatFailsIsRetriedAndCounted() throws Exception {
    sf.routes.onSequence(
        "GET",
        JOB,
        json(503, "[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"busy\"}]"),
        job("JobComplete", 1, 0, null));
    sf.routes.on(
        "GET",
        JOB + "/successfulResults/",
        r -> csv("sf__Id,sf__Created,Customer_Ref__c,LastName\n003A,true,C-1,Ng\n"));
    WriteResult result = bulk(WriteOperation.UPSERT, List.of(contact("C-1", "Ng")));
    assertThat(result.outcomes()).containsExactly(new RecordOutcome.Ok("003A", true));
    assertThat(sf.telemetry.retries()).containsExactly("SalesforceUnavailable");
  }

  @Test
  void aJobThatTakesTooLongIsAbortedAndItsUnprocessedRecordsRetried() throws Exception {
    sf.settings =
        sf.settings.toBuilder()
            .bulk(
                new BulkSettings(
                    Duration.ofSeconds(10),
                    1,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(30),
                    1000,
                    1_000_000,
                    3))
            .bulkProcessingEstimate(Duration.ofSeconds(10))
            .build();
    sf.routes.on(
        "GET",
        JOB,
        r ->
            sf.routes.requests("PATCH", JOB).size() > 1
                ? job("Aborted", 0, 0, "Aborted by user")
                : job("InProgress", 0, 0, null));
    sf.routes.on(
        "GET", JOB + "/successfulResults/", r -> csv("sf__Id,sf__Created,Customer_Ref__c\n"));

    WriteResult result =
        bulk(WriteOperation.UPSERT, List.of(contact("C-1", "Ng"), contact("C-2", "Lee")));

    assertThat(result.outcomes())
        .allSatisfy(o -> assertThat(o).isInstanceOf(RecordOutcome.Retryable.class));
    assertThat(sf.routes.requests("PATCH", JOB).get(1).getBody().readUtf8())
        .isEqualTo("{\"state\":\"Aborted\"}");
  }

  @Test
  void largeBatchesAreSplitIntoSeveralJobs() throws Exception {
    sf.settings =
        sf.settings.toBuilder()
            .bulk(
                new BulkSettings(
                    Duration.ofSeconds(1),
                    1.5,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(5),
                    2,
                    1_000_000,
                    3))
            .bulkProcessingEstimate(Duration.ofSeconds(10))
            .build();
    sf.routes.on("GET", JOB, r -> job("JobComplete", 2, 0, null));
    sf.routes.on(
        "GET",
        JOB + "/successfulResults/",
        r ->
            csv(
                "sf__Id,sf__Created,Customer_Ref__c\n003A,true,C-0\n003B,true,C-1\n003C,true,C-2\n"));
    WriteResult result = bulk(WriteOperation.UPSERT, SalesforceFixture.contacts(3));
    assertThat(result.outcomes()).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(sf.telemetry.calls("bulk-create")).isEqualTo(2);
  }

  @Test
  void deletesLookUpTheIdsAndRunADeleteJob() throws Exception {
    sf.routes.on(
        "GET",
        DATA + "/query\\?q=.*",
        r ->
            json(
                200,
                """
                {"totalSize":2,"done":true,"records":[
                 {"attributes":{"type":"Contact"},"Id":"003AAA","Customer_Ref__c":"C-1"},
                 {"attributes":{"type":"Contact"},"Id":"003BBB","Customer_Ref__c":"C-2"}]}
                """));
    sf.routes.on("GET", JOB, r -> job("JobComplete", 2, 0, null));
    sf.routes.on(
        "GET",
        JOB + "/successfulResults/",
        r -> csv("sf__Id,sf__Created,Id\n003BBB,false,003BBB\n003AAA,false,003AAA\n"));

    WriteResult result =
        bulk(
            WriteOperation.DELETE,
            List.of("C-1", "C-2", "C-3").stream().map(DestinationRecord::keyOnly).toList());

    assertThat(result.outcomes())
        .containsExactly(
            new RecordOutcome.Ok("003AAA", false),
            new RecordOutcome.Ok("003BBB", false),
            new RecordOutcome.Ok(null, false));
    JsonNode create = JSON.readTree(sf.routes.requests("POST", JOBS).get(0).getBody().readUtf8());
    assertThat(create.get("operation").asText()).isEqualTo("delete");
    assertThat(create.has("externalIdFieldName")).isFalse();
    assertThat(sf.routes.requests("PUT", JOB + "/batches").get(0).getBody().readUtf8())
        .isEqualTo("Id\n003AAA\n003BBB\n");
  }
}
