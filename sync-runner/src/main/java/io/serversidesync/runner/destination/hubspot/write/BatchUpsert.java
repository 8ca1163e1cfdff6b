package io.serversidesync.runner.destination.hubspot.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.KeyMatching;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.hubspot.convert.EncodedInput;
import io.serversidesync.runner.destination.hubspot.convert.InputEncoder;
import io.serversidesync.runner.destination.hubspot.http.HubSpotError;
import io.serversidesync.runner.destination.hubspot.http.HubSpotHttp;
import io.serversidesync.runner.destination.hubspot.http.HubSpotReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /crm/v3/objects/{objectType}/batch/upsert}: up to 100 inputs by the unique property
 * per call. A 207 gives each input its own outcome. A 400 refuses the whole call, which one bad
 * input can cause: the call is split in halves until the bad input is alone, so the others are
 * still written (at most one extra call per input, and only on such a refusal).
 */
public final class BatchUpsert {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSpotHttp http;
  private final String objectType;
  private final String uniqueProperty;
  private final int maxInputs;
  private final KeyMatching matching;

  /**
   * @param maxInputs inputs per call, at most 100
   */
  public BatchUpsert(
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
  public List<RecordOutcome> upsert(List<DestinationRecord> records, InputEncoder encoder)
      throws DestinationException {
    RecordOutcome[] outcomes = new RecordOutcome[records.size()];
    List<EncodedInput> ready = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      InputEncoder.Result result = encoder.encode(i, records.get(i));
      if (result instanceof InputEncoder.Refused refused) {
        outcomes[i] = refused.outcome();
      } else {
        ready.add(((InputEncoder.Ready) result).input());
      }
    }
    for (int from = 0; from < ready.size(); from += maxInputs) {
      send(ready.subList(from, Math.min(ready.size(), from + maxInputs)), outcomes);
    }
    return Arrays.asList(outcomes);
  }

  private void send(List<EncodedInput> inputs, RecordOutcome[] outcomes)
      throws DestinationException {
    HubSpotReply reply =
        http.post("batch-upsert", "crm/v3/objects/" + objectType + "/batch/upsert", body(inputs));
    if (reply.status() == 200 || reply.status() == 207) {
      BatchAnswer answer = BatchAnswer.parse(reply.body(), uniqueProperty, matching);
      for (EncodedInput input : inputs) {
        outcomes[input.index()] = outcome(answer, input);
      }
      return;
    }
    if (reply.status() == 400 && inputs.size() > 1) {
      int half = inputs.size() / 2;
      send(inputs.subList(0, half), outcomes);
      send(inputs.subList(half, inputs.size()), outcomes);
      return;
    }
    HubSpotError error =
        reply.error().orElse(new HubSpotError("", "HTTP " + reply.status(), "", List.of(), ""));
    if (reply.status() == 400) {
      outcomes[inputs.get(0).index()] =
          new RecordOutcome.Permanent(
              error.category().isEmpty() ? "VALIDATION_ERROR" : error.category(),
              error.message(),
              List.of());
      return;
    }
    if (reply.status() == 404) {
      throw new DestinationException(
          Kind.CONFIGURATION,
          "ObjectUnknown",
          "spec.destination.object: HubSpot refused upserts into "
              + objectType
              + " ("
              + error.describe()
              + ")");
    }
    throw new DestinationException(
        Kind.TRANSIENT,
        "HubSpotUnexpected",
        "HubSpot answered a batch upsert with HTTP " + reply.status() + " " + error.describe());
  }

  private static RecordOutcome outcome(BatchAnswer answer, EncodedInput input) {
    BatchAnswer.Written written = answer.written(input.id());
    if (written != null) {
      return new RecordOutcome.Ok(written.nativeId(), written.created());
    }
    BatchAnswer.Failed failed = answer.failed(input.id());
    if (failed != null) {
      return new RecordOutcome.Permanent(failed.category(), failed.message(), failed.properties());
    }
    return new RecordOutcome.Retryable(
        "NO_OUTCOME", "HubSpot's answer named neither a result nor an error for this input", null);
  }

  private String body(List<EncodedInput> inputs) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("inputs");
    for (EncodedInput input : inputs) {
      ObjectNode node = array.addObject();
      node.put("idProperty", uniqueProperty);
      node.put("id", input.id());
      ObjectNode properties = node.putObject("properties");
      input.properties().forEach(properties::put);
    }
    return root.toString();
  }
}
