package io.serversidesync.runner.destination.salesforce.collections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.api.RecordErrors;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;

/**
 * Deletes up to 200 records by Salesforce id in one call: {@code DELETE
 * …/composite/sobjects?ids=…&allOrNone=false}. A record already deleted counts as deleted.
 */
public final class CollectionsDelete {

  public static final int MAX_IDS = 200;

  private final SalesforceApi api;

  public CollectionsDelete(SalesforceApi api) {
    this.api = api;
  }

  /**
   * @param ids at most {@value #MAX_IDS}
   * @return id → outcome
   */
  public Map<String, RecordOutcome> delete(List<String> ids) throws DestinationException {
    if (ids.size() > MAX_IDS) {
      throw new IllegalArgumentException("at most " + MAX_IDS + " ids per call");
    }
    HttpReply reply =
        api.call(
            "collections-delete",
            root ->
                new Request.Builder()
                    .url(
                        root.newBuilder()
                            .addPathSegments("composite/sobjects")
                            .addQueryParameter("ids", String.join(",", ids))
                            .addQueryParameter("allOrNone", "false")
                            .build())
                    .delete());
    if (!reply.successful()) {
      SalesforceError error = CollectionsUpsert.firstError(reply);
      Kind kind =
          reply.status() >= 400 && reply.status() < 500 ? Kind.CONFIGURATION : Kind.TRANSIENT;
      throw new DestinationException(
          kind,
          "DeleteRejected",
          "Salesforce rejected the delete of " + ids.size() + " records: " + error.describe());
    }
    JsonNode root;
    try {
      root = WireJson.MAPPER.readTree(reply.body());
    } catch (JsonProcessingException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedResponse",
          "Salesforce's delete answer is not JSON; the batch is retried",
          null,
          e);
    }
    if (!root.isArray() || root.size() != ids.size()) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedResponse",
          "Salesforce's delete answer has "
              + root.size()
              + " results for "
              + ids.size()
              + " ids; the batch is retried");
    }
    Map<String, RecordOutcome> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      JsonNode result = root.get(i);
      String id = result.hasNonNull("id") ? result.get("id").asText() : ids.get(i);
      if (!ids.contains(id)) {
        id = ids.get(i);
      }
      outcomes.put(id, outcome(result, id));
    }
    return outcomes;
  }

  private static RecordOutcome outcome(JsonNode result, String id) {
    if (result.path("success").asBoolean(false)) {
      return new RecordOutcome.Ok(id, false);
    }
    List<SalesforceError> errors = new ArrayList<>();
    for (JsonNode error : result.path("errors")) {
      SalesforceError parsed = SalesforceError.of(error);
      if (parsed != null) {
        errors.add(parsed);
      }
    }
    if (errors.stream().allMatch(e -> e.code().equals("ENTITY_IS_DELETED")) && !errors.isEmpty()) {
      return new RecordOutcome.Ok(id, false);
    }
    return RecordErrors.outcome(errors);
  }
}
