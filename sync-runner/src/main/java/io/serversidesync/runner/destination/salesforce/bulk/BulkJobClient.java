package io.serversidesync.runner.destination.salesforce.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The requests of an ingest job, one API call each. */
final class BulkJobClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final MediaType CSV_TYPE = MediaType.get("text/csv");

  /** Job-creation errors that retrying cannot fix: the object, field or operation is wrong. */
  private static final Set<String> CONFIGURATION_CODES =
      Set.of(
          "INVALIDJOB",
          "INVALID_FIELD",
          "INVALID_TYPE",
          "NOT_FOUND",
          "INSUFFICIENT_ACCESS",
          "API_DISABLED_FOR_ORG",
          "FEATURENOTENABLED",
          "FUNCTIONALITY_NOT_ENABLED");

  private final SalesforceApi api;

  BulkJobClient(SalesforceApi api) {
    this.api = api;
  }

  /**
   * Creates a job.
   *
   * @param operation upsert or delete
   * @param externalIdField for upsert; null for delete
   */
  JobInfo create(String object, String operation, String externalIdField)
      throws DestinationException {
    ObjectNode body = JSON.createObjectNode();
    body.put("object", object);
    if (externalIdField != null) {
      body.put("externalIdFieldName", externalIdField);
    }
    body.put("contentType", "CSV");
    body.put("operation", operation);
    body.put("lineEnding", "LF");
    body.put("columnDelimiter", "COMMA");
    byte[] json = body.toString().getBytes(StandardCharsets.UTF_8);
    HttpReply reply =
        api.call(
            "bulk-create",
            root ->
                new Request.Builder().url(jobs(root)).post(RequestBody.create(json, JSON_TYPE)));
    if (!reply.successful()) {
      SalesforceError error = firstError(reply);
      boolean configuration =
          reply.status() == 404
              || reply.status() == 403
              || CONFIGURATION_CODES.contains(error.code().toUpperCase(Locale.ROOT));
      throw new DestinationException(
          configuration ? Kind.CONFIGURATION : Kind.TRANSIENT,
          "BulkJobRejected",
          "Salesforce refused to create a Bulk API 2.0 "
              + operation
              + " job on "
              + object
              + ": "
              + error.describe()
              + (configuration ? "; check spec.destination" : "; the batch is retried"));
    }
    JobInfo info = JobInfo.of(parse(reply.body()));
    if (info.id().isEmpty()) {
      throw unexpected("the job creation answer has no id");
    }
    return info;
  }

  /** Uploads the first {@code length} bytes of {@code csv}. */
  void upload(String jobId, byte[] csv, int length) throws DestinationException {
    HttpReply reply =
        api.call(
            "bulk-upload",
            root ->
                new Request.Builder()
                    .url(job(root, jobId).newBuilder().addPathSegment("batches").build())
                    .put(RequestBody.create(csv, CSV_TYPE, 0, length)));
    if (!reply.successful()) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "BulkUploadRejected",
          "Salesforce refused the CSV of bulk job "
              + jobId
              + ": "
              + firstError(reply).describe()
              + "; the batch is retried");
    }
  }

  /** Sets the job's state (UploadComplete or Aborted); returns the job info, or null on a 4xx. */
  JobInfo setState(String jobId, String state) throws DestinationException {
    byte[] json = ("{\"state\":\"" + state + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpReply reply =
        api.call(
            state.equals("Aborted") ? "bulk-abort" : "bulk-close",
            root ->
                new Request.Builder()
                    .url(job(root, jobId))
                    .patch(RequestBody.create(json, JSON_TYPE)));
    if (reply.successful()) {
      return JobInfo.of(parse(reply.body()));
    }
    if (reply.status() >= 400 && reply.status() < 500) {
      return null;
    }
    throw unexpected("setting job " + jobId + " to " + state + " answered HTTP " + reply.status());
  }

  JobInfo get(String jobId) throws DestinationException {
    HttpReply reply =
        api.call("bulk-poll", root -> new Request.Builder().url(job(root, jobId)).get());
    if (!reply.successful()) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "BulkJobUnreadable",
          "Salesforce did not return bulk job " + jobId + ": " + firstError(reply).describe());
    }
    return JobInfo.of(parse(reply.body()));
  }

  /**
   * Downloads one result set and hands each row to {@code rows}.
   *
   * @param kind successfulResults or failedResults
   */
  void results(String jobId, String kind, Consumer<Map<String, String>> rows)
      throws DestinationException {
    String endpoint =
        kind.equals("successfulResults") ? "bulk-results-successful" : "bulk-results-failed";
    Integer failedStatus =
        api.call(
            endpoint,
            root ->
                new Request.Builder()
                    .url(
                        job(root, jobId)
                            .newBuilder()
                            .addPathSegment(kind)
                            .addPathSegment("")
                            .build())
                    .get(),
            (status, headers, body) -> {
              if (status < 200 || status >= 300) {
                return status;
              }
              try {
                BulkCsv.readResults(body.byteStream(), rows);
              } catch (IOException e) {
                throw new IOException("the " + kind + " CSV of job " + jobId + " is unreadable", e);
              }
              return null;
            });
    if (failedStatus != null) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "BulkResultsUnreadable",
          "Salesforce did not return the "
              + kind
              + " of bulk job "
              + jobId
              + ": HTTP "
              + failedStatus);
    }
  }

  private static HttpUrl jobs(HttpUrl root) {
    return root.newBuilder().addPathSegments("jobs/ingest").build();
  }

  private static HttpUrl job(HttpUrl root, String jobId) {
    return root.newBuilder().addPathSegments("jobs/ingest").addPathSegment(jobId).build();
  }

  private static SalesforceError firstError(HttpReply reply) {
    List<SalesforceError> errors = reply.errors();
    return errors.isEmpty()
        ? new SalesforceError("HTTP_" + reply.status(), "", List.of())
        : errors.get(0);
  }

  private static JsonNode parse(String body) throws DestinationException {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedResponse",
          "Salesforce's Bulk API: a job answer is not JSON; retrying",
          null,
          e);
    }
  }

  private static DestinationException unexpected(String why) {
    return new DestinationException(
        Kind.TRANSIENT, "UnexpectedResponse", "Salesforce's Bulk API: " + why + "; retrying");
  }
}
