package io.serversidesync.runner.destination.salesforce.collections;

import com.fasterxml.jackson.core.JsonGenerator;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.destination.salesforce.api.BatchOutcomes;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.convert.EncodedRecord;
import io.serversidesync.runner.destination.salesforce.convert.RecordEncoder;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Upserts by external id with {@code PATCH …/composite/sobjects/{object}/{externalIdField}}, at
 * most {@code maxRecords} (≤ 200) records per call, {@code allOrNone=false}.
 */
public final class CollectionsUpsert {

  static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  /**
   * Request-level codes that every record of the sync would get again: the mapping or the user's
   * permissions are wrong, not a value. Splitting cannot help; the user must fix the manifest.
   */
  static final Set<String> CONFIGURATION_CODES =
      Set.of(
          "INVALID_FIELD",
          "INVALID_FIELD_FOR_INSERT_UPDATE",
          "INVALID_TYPE",
          "NOT_FOUND",
          "INSUFFICIENT_ACCESS",
          "INSUFFICIENT_ACCESS_OR_READONLY",
          "API_DISABLED_FOR_ORG",
          "API_CURRENTLY_DISABLED",
          "FUNCTIONALITY_NOT_ENABLED",
          "METHOD_NOT_ALLOWED");

  private final SalesforceApi api;
  private final String object;
  private final String externalIdField;
  private final int maxRecords;
  private final DestinationTelemetry telemetry;
  private final TimeSource time;

  public CollectionsUpsert(
      SalesforceApi api,
      String object,
      String externalIdField,
      int maxRecords,
      DestinationTelemetry telemetry,
      TimeSource time) {
    if (maxRecords < 1 || maxRecords > 200) {
      throw new IllegalArgumentException("maxRecords must be 1..200, not " + maxRecords);
    }
    this.api = api;
    this.object = object;
    this.externalIdField = externalIdField;
    this.maxRecords = maxRecords;
    this.telemetry = telemetry;
    this.time = time;
  }

  /** Upserts the records; one outcome per record, in order. */
  public List<RecordOutcome> upsert(List<DestinationRecord> records, RecordEncoder encoder)
      throws DestinationException {
    BatchOutcomes outcomes = new BatchOutcomes(records.size());
    List<EncodedRecord> ready = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      RecordEncoder.Result result = encoder.encode(i, records.get(i));
      if (result.refused() != null) {
        outcomes.set(i, result.refused());
      } else {
        ready.add(result.record());
      }
    }
    for (int from = 0; from < ready.size(); from += maxRecords) {
      deliver(ready.subList(from, Math.min(ready.size(), from + maxRecords)), outcomes);
    }
    return outcomes.finish();
  }

  /** Sends one request's worth; a failure of the whole request fails only its records. */
  private void deliver(List<EncodedRecord> chunk, BatchOutcomes outcomes)
      throws DestinationException {
    if (outcomes.throttled()) {
      // Already told to slow down in this write: hand the rest back instead of queueing.
      outcomes.skipThrottled(indexes(chunk), time.now());
      return;
    }
    try {
      send(chunk, outcomes);
    } catch (DestinationException e) {
      if (e.kind() == Kind.CREDENTIALS || e.kind() == Kind.CONFIGURATION) {
        throw e;
      }
      outcomes.failed(indexes(chunk), e, time.now());
    }
  }

  private void send(List<EncodedRecord> chunk, BatchOutcomes outcomes) throws DestinationException {
    byte[] body = body(chunk);
    HttpReply reply =
        api.call(
            "collections-upsert",
            root ->
                new Request.Builder()
                    .url(
                        root.newBuilder()
                            .addPathSegments("composite/sobjects")
                            .addPathSegment(object)
                            .addPathSegment(externalIdField)
                            .build())
                    .patch(RequestBody.create(body, JSON_TYPE)));
    if (reply.successful()) {
      outcomes.answered();
      List<RecordOutcome> results = CollectionResults.parse(reply.body(), chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        outcomes.set(chunk.get(i).index(), results.get(i));
      }
      return;
    }
    SalesforceError error = firstError(reply);
    if (reply.status() == 404
        || reply.status() == 403
        || CONFIGURATION_CODES.contains(error.code())) {
      throw new DestinationException(
          Kind.CONFIGURATION,
          "RequestRejected",
          "Salesforce rejected the upsert into "
              + object
              + " by "
              + externalIdField
              + ": "
              + error.describe()
              + "; check spec.destination and spec.mapping against the org");
    }
    if (reply.status() >= 400 && reply.status() < 500) {
      // Rejected as a whole, e.g. JSON_PARSER_ERROR for one record's value: isolate it.
      outcomes.answered();
      if (chunk.size() == 1) {
        outcomes.set(
            chunk.get(0).index(),
            new RecordOutcome.Permanent(error.code(), error.message(), error.fields()));
        return;
      }
      int half = chunk.size() / 2;
      telemetry.retried(error.code());
      deliver(chunk.subList(0, half), outcomes);
      telemetry.retried(error.code());
      deliver(chunk.subList(half, chunk.size()), outcomes);
      return;
    }
    throw new DestinationException(
        Kind.TRANSIENT,
        "UnexpectedResponse",
        "Salesforce answered the upsert with HTTP " + reply.status() + "; the batch is retried");
  }

  static SalesforceError firstError(HttpReply reply) {
    List<SalesforceError> errors = reply.errors();
    return errors.isEmpty()
        ? new SalesforceError("HTTP_" + reply.status(), "", List.of())
        : errors.get(0);
  }

  private byte[] body(List<EncodedRecord> chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * chunk.size());
    try (JsonGenerator json = WireJson.MAPPER.createGenerator(out)) {
      json.writeStartObject();
      json.writeBooleanField("allOrNone", false);
      json.writeArrayFieldStart("records");
      for (EncodedRecord record : chunk) {
        json.writeStartObject();
        json.writeObjectFieldStart("attributes");
        json.writeStringField("type", object);
        json.writeEndObject();
        for (Map.Entry<String, Object> field : record.fields().entrySet()) {
          json.writeFieldName(field.getKey());
          WireJson.write(json, field.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }

  private static List<Integer> indexes(List<EncodedRecord> chunk) {
    return chunk.stream().map(EncodedRecord::index).toList();
  }
}
