package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import io.serversidesync.sandbox.hubspot.store.HubSpotStore;
import io.serversidesync.sandbox.hubspot.store.ObjectRecords;
import io.serversidesync.sandbox.stats.SandboxStats;
import io.serversidesync.sandbox.store.SandboxClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST …/batch/read} (by {@code hs_object_id} or a unique property; misses come back as one
 * OBJECT_NOT_FOUND error with their ids, 207) and {@code POST …/batch/archive} (by record id, 204,
 * unknown ids ignored).
 */
public final class BatchReadArchiveResource {
  public static final String READ = "hubspot.batch.read";
  public static final String ARCHIVE = "hubspot.batch.archive";

  private final HubSpotStore store;
  private final SandboxClock clock;
  private final SandboxStats stats;

  public BatchReadArchiveResource(HubSpotStore store, SandboxClock clock, SandboxStats stats) {
    this.store = store;
    this.clock = clock;
    this.stats = stats;
  }

  public void register(Router<CallContext> router) {
    router.add(
        "POST", "crm/v3/objects/{objectType}/batch/read", READ, HubSpotHandler.wrap(this::read));
    router.add(
        "POST",
        "crm/v3/objects/{objectType}/batch/archive",
        ARCHIVE,
        HubSpotHandler.wrap(this::archive));
  }

  private Response read(Request r, Map<String, String> p, CallContext c)
      throws HubSpotException, IOException {
    HubSpotObject object = c.object(p.get("objectType"), CallContext.OBJECTS, "read");
    ObjectNode body = Bodies.object(r);
    List<JsonNode> inputs = Bodies.inputs(body);
    String idProperty = Bodies.text(body, "idProperty");
    if (idProperty == null) {
      idProperty = HubSpotObject.ID;
    } else if (!idProperty.equals(HubSpotObject.ID)) {
      BatchUpsertResource.uniqueProperty(object, idProperty);
    }
    List<String> names = Properties.requested(object, body.get("properties"));
    ObjectRecords records = store.records(object);
    List<ObjectNode> results = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode input : inputs) {
      String id = Bodies.text(input, "id");
      if (id == null || !seen.add(id)) {
        continue;
      }
      Optional<HubSpotRecord> found = records.find(idProperty, id);
      if (found.isPresent()) {
        List<String> shown = new ArrayList<>(names);
        if (!idProperty.equals(HubSpotObject.ID)) {
          shown.add(idProperty);
        }
        results.add(RecordJson.record(object, found.get(), shown));
      } else {
        missing.add(id);
      }
    }
    List<ObjectNode> errors = new ArrayList<>();
    if (!missing.isEmpty()) {
      errors.add(
          RecordJson.batchError(
              "OBJECT_NOT_FOUND",
              "Could not get some "
                  + object.singular()
                  + " objects, they may be deleted or not exist. Check that ids are valid.",
              missing));
    }
    return Response.json(
        RecordJson.batchStatus(errors), RecordJson.batch(results, errors, clock.now()));
  }

  private Response archive(Request r, Map<String, String> p, CallContext c)
      throws HubSpotException, IOException {
    HubSpotObject object = c.object(p.get("objectType"), CallContext.OBJECTS, "write");
    List<JsonNode> inputs = Bodies.inputs(Bodies.object(r));
    ObjectRecords records = store.records(object);
    for (JsonNode input : inputs) {
      String id = Bodies.text(input, "id");
      if (id == null) {
        continue;
      }
      try {
        if (records.archive(Long.parseLong(id.trim()))) {
          stats.record("hubspot.archived");
        }
      } catch (NumberFormatException e) {
        // HubSpot ignores ids it does not know; a non-numeric id is one of those
      }
    }
    return Response.noContent();
  }
}
