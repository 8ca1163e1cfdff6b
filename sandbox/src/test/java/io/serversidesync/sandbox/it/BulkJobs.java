package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** Runs a Bulk API 2.0 ingest job from creation to its final state, as a client would. */
final class BulkJobs {
  static final MediaType CSV = MediaType.get("text/csv");

  private final Client client;

  BulkJobs(Client client) {
    this.client = client;
  }

  /** An upsert job of the object by the field, uploaded and closed; its final job info. */
  JsonNode upsert(String object, String externalIdField, String csv) {
    return run(
        "{\"object\":\""
            + object
            + "\",\"externalIdFieldName\":\""
            + externalIdField
            + "\",\"operation\":\"upsert\",\"lineEnding\":\"LF\"}",
        csv);
  }

  /** An insert job of the object, uploaded and closed; its final job info. */
  JsonNode insert(String object, String csv) {
    return run("{\"object\":\"" + object + "\",\"operation\":\"insert\"}", csv);
  }

  private JsonNode run(String jobJson, String csv) {
    Client.Reply created = client.post(V + "/jobs/ingest", jobJson);
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String job = created.json().get("id").asText();
    Client.Reply up =
        client.send("PUT", V + "/jobs/ingest/" + job + "/batches", RequestBody.create(csv, CSV));
    assertThat(up.status()).as(up.text()).isEqualTo(201);
    Client.Reply closed = client.patch(V + "/jobs/ingest/" + job, "{\"state\":\"UploadComplete\"}");
    assertThat(closed.status()).as(closed.text()).isEqualTo(200);
    JsonNode[] info = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              info[0] = client.get(V + "/jobs/ingest/" + job).json();
              String s = info[0].get("state").asText();
              return s.equals("JobComplete") || s.equals("Failed");
            });
    return info[0];
  }

  /** The failed rows of a finished job, by column. */
  List<Map<String, String>> failedResults(JsonNode job) {
    return rows(client.get(V + "/jobs/ingest/" + job.get("id").asText() + "/failedResults/"));
  }

  List<Map<String, String>> successfulResults(JsonNode job) {
    return rows(client.get(V + "/jobs/ingest/" + job.get("id").asText() + "/successfulResults/"));
  }

  private static List<Map<String, String>> rows(Client.Reply reply) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    try {
      return BulkIngestIT.parse(reply.text(), ',');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
