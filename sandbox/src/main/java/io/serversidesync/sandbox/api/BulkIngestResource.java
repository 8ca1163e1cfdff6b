package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.auth.OrgIdentity;
import io.serversidesync.sandbox.bulk.ColumnDelimiter;
import io.serversidesync.sandbox.bulk.IngestJob;
import io.serversidesync.sandbox.bulk.IngestJobs;
import io.serversidesync.sandbox.bulk.JobState;
import io.serversidesync.sandbox.bulk.JobStateException;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.values.SalesforceFormats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Bulk API 2.0 ingest: {@code /jobs/ingest}. */
final class BulkIngestResource {
  private static final Set<String> OPERATIONS =
      Set.of("insert", "update", "upsert", "delete", "hardDelete");
  private static final String CSV = "text/csv";

  private final RecordStore store;
  private final IngestJobs jobs;
  private final OrgIdentity org;

  BulkIngestResource(RecordStore store, IngestJobs jobs, OrgIdentity org) {
    this.store = store;
    this.jobs = jobs;
    this.org = org;
  }

  void register(Router<ApiCall> router) {
    router
        .add("POST", "jobs/ingest", "bulk.createJob", this::create)
        .add("GET", "jobs/ingest", "bulk.listJobs", (r, p, c) -> list(c))
        .add(
            "GET",
            "jobs/ingest/{job}",
            "bulk.jobInfo",
            (r, p, c) -> Response.json(200, info(job(p), true)))
        .add("PATCH", "jobs/ingest/{job}", "bulk.setState", this::setState)
        .add("DELETE", "jobs/ingest/{job}", "bulk.deleteJob", this::delete)
        .add("PUT", "jobs/ingest/{job}/batches", "bulk.upload", this::upload)
        .add(
            "GET",
            "jobs/ingest/{job}/successfulResults",
            "bulk.successfulResults",
            (r, p, c) -> results(p, "success"))
        .add(
            "GET",
            "jobs/ingest/{job}/failedResults",
            "bulk.failedResults",
            (r, p, c) -> results(p, "failure"))
        .add(
            "GET",
            "jobs/ingest/{job}/unprocessedrecords",
            "bulk.unprocessedRecords",
            (r, p, c) -> results(p, "unprocessed"));
  }

  private IngestJob job(Map<String, String> p) throws ApiException {
    return jobs.get(p.get("job")).orElseThrow(ApiException::notFound);
  }

  private Response create(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(r.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("JSON_PARSER_ERROR", e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw invalidJob("The request body must be a JSON object describing the job");
    }
    String objectName =
        text(body, "object").orElseThrow(() -> invalidJob("The object field is required"));
    ObjectDef object =
        store
            .schema()
            .object(objectName)
            .orElseThrow(() -> invalidJob("Unable to find object: " + objectName));
    String operation =
        text(body, "operation").orElseThrow(() -> invalidJob("The operation field is required"));
    if (!OPERATIONS.contains(operation)) {
      throw invalidJob(
          "Invalid operation: " + operation + ". Use insert, update, upsert, delete or hardDelete");
    }
    String contentType = text(body, "contentType").orElse("CSV");
    if (!contentType.equals("CSV")) {
      throw invalidJob("Invalid contentType: " + contentType + ". Bulk API 2.0 accepts CSV only");
    }
    String lineEnding = text(body, "lineEnding").orElse("LF");
    if (!lineEnding.equals("LF") && !lineEnding.equals("CRLF")) {
      throw invalidJob("Invalid lineEnding: " + lineEnding + ". Use LF or CRLF");
    }
    String delimiterName = text(body, "columnDelimiter").orElse("COMMA");
    ColumnDelimiter delimiter =
        ColumnDelimiter.parse(delimiterName)
            .orElseThrow(() -> invalidJob("Invalid columnDelimiter: " + delimiterName));
    Optional<FieldDef> ext = Optional.empty();
    if (operation.equals("upsert")) {
      String extName =
          text(body, "externalIdFieldName")
              .orElseThrow(
                  () ->
                      invalidJob(
                          "External ID was blank for "
                              + object.name()
                              + ". An External ID must be specified for upsert."));
      FieldDef f =
          object
              .field(extName)
              .filter(FieldDef::externalId)
              .orElseThrow(
                  () ->
                      invalidJob(
                          "Field " + extName + " is not an external ID field of " + object.name()));
      ext = Optional.of(f);
    }
    IngestJob job =
        jobs.create(object, operation, ext, lineEnding, delimiter, c.version(), org.userId());
    return Response.json(200, info(job, false));
  }

  private Response list(ApiCall c) {
    ObjectNode body = Json.object();
    body.put("done", true);
    ArrayNode records = body.putArray("records");
    jobs.list().forEach(j -> records.add(info(j, false)));
    body.putNull("nextRecordsUrl");
    return Response.json(200, body);
  }

  private Response setState(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    IngestJob job = job(p);
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(r.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("JSON_PARSER_ERROR", e.getOriginalMessage());
    }
    String state = body == null ? null : text(body, "state").orElse(null);
    IngestJob.Progress after;
    try {
      if ("UploadComplete".equals(state)) {
        after = jobs.uploadComplete(job);
      } else if ("Aborted".equals(state)) {
        after = jobs.abort(job);
      } else {
        throw invalidJob("Invalid state: " + state + ". Use UploadComplete or Aborted");
      }
    } catch (JobStateException e) {
      throw ApiException.badRequest(e.errorCode(), e.getMessage());
    }
    return Response.json(200, info(job, after, false));
  }

  private Response delete(Request r, Map<String, String> p, ApiCall c) throws ApiException {
    try {
      jobs.delete(job(p));
    } catch (JobStateException e) {
      throw ApiException.badRequest(e.errorCode(), e.getMessage());
    }
    return Response.noContent();
  }

  private Response upload(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    IngestJob job = job(p);
    String type = r.header("Content-Type").orElse(CSV);
    if (!type.toLowerCase(Locale.ROOT).startsWith(CSV)) {
      throw ApiException.badRequest(
          "INVALIDCONTENTTYPE", "Content-Type " + type + " is not supported; upload text/csv");
    }
    try {
      jobs.upload(job, r.bodyStream());
    } catch (JobStateException e) {
      throw ApiException.badRequest(e.errorCode(), e.getMessage());
    }
    return Response.empty(201);
  }

  private Response results(Map<String, String> p, String kind) throws ApiException {
    IngestJob job = job(p);
    IngestJob.Progress progress = job.progress();
    if (!progress.state().finished()) {
      throw ApiException.badRequest(
          "INVALIDJOBSTATE",
          "Job "
              + job.id()
              + " is "
              + progress.state()
              + "; results are available once it finishes");
    }
    int index =
        switch (kind) {
          case "success" -> 0;
          case "failure" -> 1;
          default -> 2;
        };
    Path file = job.progressFiles()[index];
    if (file == null) {
      return Response.text(200, CSV + ";charset=UTF-8", "");
    }
    return Response.file(200, CSV + ";charset=UTF-8", file);
  }

  private static ObjectNode info(IngestJob job, boolean full) {
    return info(job, job.progress(), full);
  }

  /** Job info as Salesforce renders it, from one consistent snapshot of the job's progress. */
  private static ObjectNode info(IngestJob job, IngestJob.Progress progress, boolean full) {
    ObjectNode n = Json.object();
    n.put("id", job.id());
    n.put("operation", job.operation());
    n.put("object", job.object().name());
    n.put("createdById", job.createdById());
    n.put("createdDate", SalesforceFormats.datetime(job.createdDate()));
    n.put("systemModstamp", SalesforceFormats.datetime(progress.systemModstamp()));
    n.put("state", progress.state().name());
    job.externalIdField().ifPresent(f -> n.put("externalIdFieldName", f.name()));
    n.put("concurrencyMode", "Parallel");
    n.put("contentType", "CSV");
    n.put("apiVersion", Double.parseDouble(job.apiVersion()));
    if (progress.state() == JobState.Open) {
      n.put(
          "contentUrl",
          "services/data/v" + job.apiVersion() + "/jobs/ingest/" + job.id() + "/batches");
    }
    n.put("jobType", "V2Ingest");
    n.put("lineEnding", job.lineEnding());
    n.put("columnDelimiter", job.delimiter().name());
    if (full) {
      n.put("numberRecordsProcessed", progress.processed());
      n.put("numberRecordsFailed", progress.failed());
      n.put("retries", 0);
      n.put("totalProcessingTime", progress.processingMillis());
      n.put("apiActiveProcessingTime", progress.processingMillis());
      n.put("apexProcessingTime", 0);
      if (progress.errorMessage() != null) {
        n.put("errorMessage", progress.errorMessage());
      }
    }
    return n;
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static ApiException invalidJob(String message) {
    return ApiException.badRequest("INVALIDJOB", message);
  }
}
