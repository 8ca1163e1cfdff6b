package io.serversidesync.runner.destination.salesforce.collections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.api.RecordErrors;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the 200 answer of a collections request: one {@code {id, success, errors, created}} per
 * record, in request order. {@code id} and {@code created} may be absent or null on failures.
 */
final class CollectionResults {

  private CollectionResults() {}

  static List<RecordOutcome> parse(String body, int expected) throws DestinationException {
    JsonNode root;
    try {
      root = WireJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw unexpected("its body is not JSON", e);
    }
    if (root == null || !root.isArray() || root.size() != expected) {
      throw unexpected(
          "it has "
              + (root != null && root.isArray() ? root.size() : 0)
              + " results for "
              + expected
              + " records",
          null);
    }
    List<RecordOutcome> outcomes = new ArrayList<>(expected);
    root.forEach(result -> outcomes.add(outcome(result)));
    return outcomes;
  }

  static RecordOutcome outcome(JsonNode result) {
    if (result.path("success").asBoolean(false)) {
      JsonNode id = result.get("id");
      return new RecordOutcome.Ok(
          id == null || id.isNull() ? null : id.asText(), result.path("created").asBoolean(false));
    }
    List<SalesforceError> errors = new ArrayList<>();
    for (JsonNode error : result.path("errors")) {
      SalesforceError parsed = SalesforceError.of(error);
      if (parsed != null) {
        errors.add(parsed);
      }
    }
    return RecordErrors.outcome(errors);
  }

  private static DestinationException unexpected(String why, Exception cause) {
    return new DestinationException(
        Kind.TRANSIENT,
        "UnexpectedResponse",
        "Salesforce's collections answer cannot be read: " + why + "; the batch is retried",
        null,
        cause);
  }
}
