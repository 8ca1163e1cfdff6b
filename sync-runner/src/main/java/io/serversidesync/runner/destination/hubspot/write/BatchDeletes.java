package io.serversidesync.runner.destination.hubspot.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.KeyMatching;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.hubspot.http.HubSpotHttp;
import io.serversidesync.runner.destination.hubspot.http.HubSpotReply;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes by the customer-managed identifier: HubSpot archives by record id only, so each group of
 * up to 100 costs two calls, a batch read by the unique property for the ids ({@code POST
 * …/batch/read} with {@code idProperty}) and a batch archive of those ids. A key HubSpot does not
 * hold is already gone: its delete succeeds without a call of its own.
 */
public final class BatchDeletes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSpotHttp http;
  private final String objectType;
  private final String uniqueProperty;
  private final int maxInputs;
  private final KeyMatching matching;

  public BatchDeletes(
      HubSpotHttp http,
      String objectType,
      String uniqueProperty,
      int maxInputs,
      KeyMatching matching) {
    this.http = http;
    this.objectType = objectType;
    this.uniqueProperty = uniqueProperty;
    this.maxInputs = maxInputs;
    this.matching = matching;
  }

  /** Each record's outcome, in the order given. */
  public List<RecordOutcome> delete(List<DestinationRecord> records) throws DestinationException {
    List<RecordOutcome> outcomes = new ArrayList<>(records.size());
    for (int from = 0; from < records.size(); from += maxInputs) {
      outcomes.addAll(group(records.subList(from, Math.min(records.size(), from + maxInputs))));
    }
    return outcomes;
  }

  private List<RecordOutcome> group(List<DestinationRecord> records) throws DestinationException {
    BatchAnswer found = read(records);
    List<String> ids = new ArrayList<>();
    List<RecordOutcome> outcomes = new ArrayList<>(records.size());
    for (DestinationRecord record : records) {
      BatchAnswer.Written held = found.written(record.externalId());
      if (held == null) {
        outcomes.add(new RecordOutcome.Ok(null, false));
      } else {
        ids.add(held.nativeId());
        outcomes.add(new RecordOutcome.Ok(held.nativeId(), false));
      }
    }
    if (!ids.isEmpty()) {
      archive(ids);
    }
    return outcomes;
  }

  private BatchAnswer read(List<DestinationRecord> records) throws DestinationException {
    ObjectNode body = JSON.createObjectNode();
    body.put("idProperty", uniqueProperty);
    body.putArray("properties").add(uniqueProperty);
    ArrayNode inputs = body.putArray("inputs");
    records.forEach(r -> inputs.addObject().put("id", r.externalId()));
    HubSpotReply reply =
        http.post("batch-read", "crm/v3/objects/" + objectType + "/batch/read", body.toString());
    if (reply.status() != 200 && reply.status() != 207) {
      throw unexpected("reading the records to delete", reply);
    }
    return BatchAnswer.parse(reply.body(), uniqueProperty, matching);
  }

  private void archive(List<String> ids) throws DestinationException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode inputs = body.putArray("inputs");
    ids.forEach(id -> inputs.addObject().put("id", id));
    HubSpotReply reply =
        http.post(
            "batch-archive", "crm/v3/objects/" + objectType + "/batch/archive", body.toString());
    if (!reply.successful()) {
      throw unexpected("archiving records", reply);
    }
  }

  private static DestinationException unexpected(String what, HubSpotReply reply) {
    return new DestinationException(
        Kind.TRANSIENT,
        "HubSpotUnexpected",
        "HubSpot answered HTTP "
            + reply.status()
            + " to "
            + what
            + reply.error().map(e -> ": " + e.describe()).orElse(""));
  }
}
