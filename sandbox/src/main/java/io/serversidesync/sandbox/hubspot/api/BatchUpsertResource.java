package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import io.serversidesync.sandbox.hubspot.store.HubSpotStore;
import io.serversidesync.sandbox.hubspot.store.ObjectRecords;
import io.serversidesync.sandbox.hubspot.store.UniqueValueException;
import io.serversidesync.sandbox.hubspot.store.UpsertResult;
import io.serversidesync.sandbox.hubspot.values.InvalidValue;
import io.serversidesync.sandbox.hubspot.values.PropertyValidator;
import io.serversidesync.sandbox.hubspot.values.ValidatedProperties;
import io.serversidesync.sandbox.stats.SandboxStats;
import io.serversidesync.sandbox.store.SandboxClock;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /crm/v3/objects/{objectType}/batch/upsert}: creates or updates by a unique property.
 * Request-level problems (over 100 inputs, duplicate ids, an idProperty that is unknown or not
 * unique) fail the whole call with 400; a refused value fails only its input (207), named in {@code
 * context.ids} by its idProperty value (our choice: HubSpot's exact keys are unverified).
 */
public final class BatchUpsertResource {
  public static final String NAME = "hubspot.batch.upsert";

  private final HubSpotStore store;
  private final SandboxClock clock;
  private final SandboxStats stats;

  /** One parsed input. */
  record UpsertInput(String idProperty, String id, Map<String, JsonNode> properties) {}

  public BatchUpsertResource(HubSpotStore store, SandboxClock clock, SandboxStats stats) {
    this.store = store;
    this.clock = clock;
    this.stats = stats;
  }

  public void register(Router<CallContext> router) {
    router.add(
        "POST",
        "crm/v3/objects/{objectType}/batch/upsert",
        NAME,
        HubSpotHandler.wrap(this::upsert));
  }

  private Response upsert(Request r, Map<String, String> p, CallContext c)
      throws HubSpotException, IOException {
    HubSpotObject object = c.object(p.get("objectType"), CallContext.OBJECTS, "write");
    ObjectNode body = Bodies.object(r);
    List<UpsertInput> inputs = parse(object, Bodies.inputs(body), r.query("idProperty"));
    Instant now = clock.now();
    ObjectRecords records = store.records(object);
    List<ObjectNode> results = new ArrayList<>();
    List<ObjectNode> errors = new ArrayList<>();
    for (UpsertInput input : inputs) {
      ValidatedProperties v = PropertyValidator.validate(object, input.properties());
      if (!v.valid()) {
        stats.record("hubspot.failed.VALIDATION_ERROR");
        errors.add(
            RecordJson.batchError(
                "VALIDATION_ERROR",
                "Property values were not valid: " + problems(v.problems()),
                List.of(input.id())));
        continue;
      }
      try {
        UpsertResult written = records.upsert(input.idProperty(), input.id(), v.values(), now);
        stats.record(written.created() ? "hubspot.created" : "hubspot.updated");
        Set<String> names = new LinkedHashSet<>();
        names.add(input.idProperty());
        names.addAll(v.values().keySet());
        ObjectNode result = RecordJson.record(object, written.record(), names);
        result.put("new", written.created());
        results.add(result);
      } catch (UniqueValueException e) {
        stats.record("hubspot.failed.VALIDATION_ERROR");
        errors.add(RecordJson.batchError("VALIDATION_ERROR", e.getMessage(), List.of(input.id())));
      }
    }
    return Response.json(RecordJson.batchStatus(errors), RecordJson.batch(results, errors, now));
  }

  private static List<UpsertInput> parse(
      HubSpotObject object, List<JsonNode> inputs, Optional<String> queryIdProperty)
      throws HubSpotException {
    List<UpsertInput> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (JsonNode input : inputs) {
      String idProperty = Bodies.text(input, "idProperty");
      if (idProperty == null) {
        idProperty = queryIdProperty.orElse(null);
      }
      if (idProperty == null) {
        throw HubSpotErrors.validation("Every input of a batch upsert needs an idProperty.");
      }
      uniqueProperty(object, idProperty);
      String id = Bodies.text(input, "id");
      if (id == null || id.isBlank()) {
        throw HubSpotErrors.validation("Every input of a batch upsert needs an id.");
      }
      if (!seen.add(idProperty + "\u0000" + id)) {
        duplicates.add(id);
      }
      Map<String, JsonNode> props = new LinkedHashMap<>();
      JsonNode properties = input.get("properties");
      if (properties != null && !properties.isNull()) {
        if (!properties.isObject()) {
          throw HubSpotErrors.validation("Invalid input JSON: \"properties\" must be an object");
        }
        properties.properties().forEach(e -> props.put(e.getKey(), e.getValue()));
      }
      out.add(new UpsertInput(idProperty, id, props));
    }
    if (!duplicates.isEmpty()) {
      throw HubSpotErrors.validation(
          "Duplicate IDs found in batch input: [" + String.join(", ", duplicates) + "]");
    }
    return out;
  }

  /** Refuses an idProperty that does not exist or does not have unique values. */
  static PropertyDef uniqueProperty(HubSpotObject object, String name) throws HubSpotException {
    PropertyDef def =
        object
            .property(name)
            .orElseThrow(
                () ->
                    HubSpotErrors.validation(
                        "Property \"" + name + "\" does not exist and cannot be an idProperty."));
    if (!def.hasUniqueValue()) {
      throw HubSpotErrors.validation(
          "Property \""
              + name
              + "\" is not a unique identifier (hasUniqueValue is false) and cannot be an"
              + " idProperty.");
    }
    return def;
  }

  private static String problems(List<InvalidValue> problems) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (InvalidValue p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("isValid", false);
      m.put("message", p.message());
      m.put("error", p.error());
      m.put("name", p.name());
      list.add(m);
    }
    try {
      return Json.MAPPER.writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
