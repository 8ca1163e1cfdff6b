package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.bulk.JobState;
import io.serversidesync.sandbox.schema.SchemaLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class BulkIngestIT extends SandboxTestBase {
  static final MediaType CSV = MediaType.get("text/csv");

  @Override
  SandboxConfig.Builder config() {
    String yaml =
        """
        objects:
          - name: Note__c
            keyPrefix: a02
            fields:
              - {name: Ref__c, type: string, length: 50, externalId: true, unique: true}
              - {name: Body__c, type: textarea, length: 32000}
        """;
    return SandboxConfig.builder()
        .bulkStartDelay(Duration.ofMillis(800))
        .schema(
            SchemaLoader.load(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"));
  }

  private String createJob(String json) {
    Client.Reply r = client.post(V + "/jobs/ingest", json);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("state").asText()).isEqualTo("Open");
    return r.json().get("id").asText();
  }

  private Client.Reply upload(String job, String csv) {
    return client.send("PUT", V + "/jobs/ingest/" + job + "/batches", RequestBody.create(csv, CSV));
  }

  private JsonNode closeAndAwait(String job) {
    Client.Reply closed = client.patch(V + "/jobs/ingest/" + job, "{\"state\":\"UploadComplete\"}");
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().get("state").asText()).isEqualTo("UploadComplete");
    JsonNode[] info = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              info[0] = client.get(V + "/jobs/ingest/" + job).json();
              String s = info[0].get("state").asText();
              return s.equals("JobComplete") || s.equals("Failed");
            });
    return info[0];
  }

  static List<Map<String, String>> parse(String csv, char delimiter) throws IOException {
    CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(delimiter);
    try (MappingIterator<Map<String, String>> it =
        new CsvMapper().readerFor(Map.class).with(schema).readValues(csv)) {
      return it.readAll();
    }
  }

  @Test
  void upsertJobEndToEndWithQuotingNullsAndUnchangedEmptyCells() throws IOException {
    client.patch(
        V + "/sobjects/Contact/Customer_Ref__c/C-1",
        "{\"LastName\":\"Old\",\"Title\":\"Keep me\",\"Email\":\"old@example.com\"}");
    String job =
        createJob(
            "{\"object\":\"Contact\",\"externalIdFieldName\":\"Customer_Ref__c\",\"contentType\":\"CSV\",\"operation\":\"upsert\",\"lineEnding\":\"LF\",\"columnDelimiter\":\"COMMA\"}");
    String csv =
        "Customer_Ref__c,LastName,Title,Email,MailingCity\n"
            + "C-1,\"Ng, \"\"the\"\" second\",,#N/A,\"Line1\nLine2\"\n"
            + "C-2,New,CTO,new@example.com,Oslo\n"
            + "C-3,,x,,\n"
            + "C-4,Bad,,nope,\n";
    Client.Reply up = upload(job, csv);
    assertThat(up.status()).isEqualTo(201);
    assertThat(up.text()).isEmpty();
    JsonNode info = closeAndAwait(job);
    assertThat(info.get("state").asText()).isEqualTo("JobComplete");
    assertThat(info.get("numberRecordsProcessed").asInt()).isEqualTo(4);
    assertThat(info.get("numberRecordsFailed").asInt()).isEqualTo(2);
    assertThat(info.get("jobType").asText()).isEqualTo("V2Ingest");

    List<Map<String, Object>> records = sandbox.records("Contact");
    Map<String, Object> c1 =
        records.stream()
            .filter(r -> "C-1".equals(r.get("Customer_Ref__c")))
            .findFirst()
            .orElseThrow();
    assertThat(c1.get("LastName")).isEqualTo("Ng, \"the\" second");
    assertThat(c1.get("Title")).as("empty cell leaves the field unchanged").isEqualTo("Keep me");
    assertThat(c1.get("Email")).as("#N/A sets null").isNull();
    assertThat(c1.get("MailingCity")).isEqualTo("Line1\nLine2");

    String ok = client.get(V + "/jobs/ingest/" + job + "/successfulResults/").text();
    List<Map<String, String>> okRows = parse(ok, ',');
    assertThat(ok)
        .startsWith("sf__Id,sf__Created,Customer_Ref__c,LastName,Title,Email,MailingCity\n");
    assertThat(okRows).hasSize(2);
    assertThat(okRows.get(0))
        .containsEntry("sf__Created", "false")
        .containsEntry("LastName", "Ng, \"the\" second");
    assertThat(okRows.get(1))
        .containsEntry("sf__Created", "true")
        .containsEntry("Customer_Ref__c", "C-2");
    assertThat(okRows.get(1).get("sf__Id")).startsWith("003").hasSize(18);

    List<Map<String, String>> failed =
        parse(client.get(V + "/jobs/ingest/" + job + "/failedResults/").text(), ',');
    assertThat(failed)
        .extracting(r -> r.get("sf__Error"))
        .containsExactly(
            "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --",
            "INVALID_EMAIL_ADDRESS:Email: invalid email address: nope:Email --");
    assertThat(failed.get(0)).containsEntry("Customer_Ref__c", "C-3");
    String unprocessed = client.get(V + "/jobs/ingest/" + job + "/unprocessedrecords/").text();
    assertThat(unprocessed).isEqualTo("Customer_Ref__c,LastName,Title,Email,MailingCity\n");
    assertThat(sandbox.stats().calls("bulk.upload")).isEqualTo(1);
  }

  @Test
  void jobIsInProgressBeforeItCompletesAndSecondUploadIsRejected() {
    String job =
        createJob(
            "{\"object\":\"Contact\",\"externalIdFieldName\":\"Customer_Ref__c\",\"operation\":\"upsert\"}");
    assertThat(upload(job, "Customer_Ref__c,LastName\nC-1,A\n").status()).isEqualTo(201);
    Client.Reply second = upload(job, "Customer_Ref__c,LastName\nC-2,B\n");
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.json().get(0).get("message").asText())
        .startsWith("Found multiple contents for job");
    client.patch(V + "/jobs/ingest/" + job, "{\"state\":\"UploadComplete\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .get(V + "/jobs/ingest/" + job)
                    .json()
                    .get("state")
                    .asText()
                    .equals("InProgress"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .get(V + "/jobs/ingest/" + job)
                    .json()
                    .get("state")
                    .asText()
                    .equals("JobComplete"));
    assertThat(sandbox.records("Contact")).hasSize(1);
    assertThat(sandbox.bulkJobs())
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.id()).isEqualTo(job);
              assertThat(j.progress().state()).isEqualTo(JobState.JobComplete);
            });
    Client.Reply reopen = client.patch(V + "/jobs/ingest/" + job, "{\"state\":\"UploadComplete\"}");
    assertThat(reopen.status()).isEqualTo(400);
  }

  @Test
  void badHeaderOrLineEndingFailsTheJobAndLeavesEverythingUnprocessed() {
    String job =
        createJob(
            "{\"object\":\"Contact\",\"externalIdFieldName\":\"Customer_Ref__c\",\"operation\":\"upsert\"}");
    upload(job, "Customer_Ref__c,LastName,Nope__c\nC-1,A,x\n");
    JsonNode info = closeAndAwait(job);
    assertThat(info.get("state").asText()).isEqualTo("Failed");
    assertThat(info.get("errorMessage").asText())
        .isEqualTo("InvalidBatch : Field name not found : Nope__c");
    assertThat(client.get(V + "/jobs/ingest/" + job + "/unprocessedrecords/").text())
        .isEqualTo("Customer_Ref__c,LastName,Nope__c\nC-1,A,x\n");

    String crlf =
        createJob(
            "{\"object\":\"Contact\",\"externalIdFieldName\":\"Customer_Ref__c\",\"operation\":\"upsert\",\"lineEnding\":\"LF\"}");
    upload(crlf, "Customer_Ref__c,LastName\r\nC-1,A\r\n");
    assertThat(closeAndAwait(crlf).get("errorMessage").asText())
        .startsWith("ClientInputError : LineEnding is invalid on user data");
    assertThat(sandbox.records("Contact")).isEmpty();

    Client.Reply noExternalId =
        client.post(V + "/jobs/ingest", "{\"object\":\"Contact\",\"operation\":\"upsert\"}");
    assertThat(noExternalId.status()).isEqualTo(400);
    assertThat(noExternalId.json().get(0).get("message").asText())
        .isEqualTo(
            "External ID was blank for Contact. An External ID must be specified for upsert.");
  }

  @Test
  void badCellsFailTheirRecordAndAbortedJobsLeaveTheirRecordsUnprocessed() throws IOException {
    String job =
        createJob(
            "{\"object\":\"Contact\",\"externalIdFieldName\":\"Customer_Ref__c\",\"operation\":\"upsert\",\"columnDelimiter\":\"TAB\"}");
    upload(
        job,
        "Customer_Ref__c\tLastName\tBirthdate\tHasOptedOutOfEmail\nC-1\tA\t1990-13-01\t\nC-2\tB\t\tmaybe\nC-3\tC\t1990-01-31\ttrue\n");
    JsonNode info = closeAndAwait(job);
    assertThat(info.get("numberRecordsFailed").asInt()).isEqualTo(2);
    List<Map<String, String>> failed =
        parse(client.get(V + "/jobs/ingest/" + job + "/failedResults/").text(), '\t');
    assertThat(failed)
        .extracting(r -> r.get("sf__Error"))
        .containsExactly(
            "INVALID_TYPE_ON_FIELD_IN_RECORD:Birthdate: value not of required type: 1990-13-01:Birthdate --",
            "INVALID_TYPE_ON_FIELD_IN_RECORD:Email Opt Out: value not of required type: maybe:HasOptedOutOfEmail --");
    assertThat(sandbox.records("Contact"))
        .singleElement()
        .satisfies(r -> assertThat(r.get("HasOptedOutOfEmail")).isEqualTo(Boolean.TRUE));

    String aborted =
        createJob(
            "{\"object\":\"Contact\",\"externalIdFieldName\":\"Customer_Ref__c\",\"operation\":\"upsert\"}");
    upload(aborted, "Customer_Ref__c,LastName\nC-9,Z\n");
    Client.Reply abort = client.patch(V + "/jobs/ingest/" + aborted, "{\"state\":\"Aborted\"}");
    assertThat(abort.json().get("state").asText()).isEqualTo("Aborted");
    assertThat(client.get(V + "/jobs/ingest/" + aborted + "/unprocessedrecords/").text())
        .isEqualTo("Customer_Ref__c,LastName\nC-9,Z\n");
    assertThat(
            client.patch(V + "/jobs/ingest/" + aborted, "{\"state\":\"UploadComplete\"}").status())
        .isEqualTo(400);
    assertThat(client.delete(V + "/jobs/ingest/" + aborted).status()).isEqualTo(204);
    assertThat(client.get(V + "/jobs/ingest/" + aborted).status()).isEqualTo(404);
  }

  @Test
  void deleteJobWithPipeDelimiterAndCrlf() throws IOException {
    String a =
        client
            .patch(V + "/sobjects/Contact/Customer_Ref__c/C-1", "{\"LastName\":\"A\"}")
            .json()
            .get("id")
            .asText();
    String b =
        client
            .patch(V + "/sobjects/Contact/Customer_Ref__c/C-2", "{\"LastName\":\"B\"}")
            .json()
            .get("id")
            .asText();
    String job =
        createJob(
            "{\"object\":\"Contact\",\"operation\":\"delete\",\"lineEnding\":\"CRLF\",\"columnDelimiter\":\"PIPE\"}");
    upload(job, "Id\r\n" + a + "\r\n" + b + "\r\n003000000000000AAA\r\n");
    JsonNode info = closeAndAwait(job);
    assertThat(info.get("numberRecordsProcessed").asInt()).isEqualTo(3);
    assertThat(info.get("numberRecordsFailed").asInt()).isEqualTo(1);
    assertThat(sandbox.records("Contact")).isEmpty();
    List<Map<String, String>> ok =
        parse(client.get(V + "/jobs/ingest/" + job + "/successfulResults/").text(), '|');
    assertThat(ok).extracting(r -> r.get("sf__Id")).containsExactly(a, b);
  }

  @Test
  void streamsAHundredMegabyteUpload() {
    String job =
        createJob(
            "{\"object\":\"Note__c\",\"externalIdFieldName\":\"Ref__c\",\"operation\":\"upsert\"}");
    int rows = 3_200;
    String body = "b".repeat(31_000);
    RequestBody streamed =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return CSV;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8("Ref__c,Body__c\n");
            for (int i = 0; i < rows; i++) {
              sink.writeUtf8("N-" + i + ",\"" + body + "\"\n");
            }
          }
        };
    Client.Reply up = client.send("PUT", V + "/jobs/ingest/" + job + "/batches", streamed);
    assertThat(up.status()).isEqualTo(201);
    JsonNode info = closeAndAwait(job);
    assertThat(info.get("state").asText()).isEqualTo("JobComplete");
    assertThat(info.get("numberRecordsProcessed").asInt()).isEqualTo(rows);
    assertThat(info.get("numberRecordsFailed").asInt()).isZero();
    assertThat(sandbox.records("Note__c")).hasSize(rows);
    assertThat(sandbox.usage().bulkBatches().used()).isEqualTo(1);
  }
}
