package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import io.serversidesync.sandbox.hubspot.values.HubSpotFormats;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Renders records and batch envelopes as HubSpot does: every property value a string or null. */
public final class RecordJson {
  private RecordJson() {}

  /**
   * {@code {"id","properties":{…},"createdAt","updatedAt","archived":false}} with the named
   * properties (null when unset) and always the system ones.
   */
  public static ObjectNode record(HubSpotObject object, HubSpotRecord r, Collection<String> names) {
    ObjectNode n = Json.object();
    n.put("id", Long.toString(r.id()));
    ObjectNode props = n.putObject("properties");
    Set<String> all = new LinkedHashSet<>(names);
    all.addAll(object.systemProperties());
    for (String name : all) {
      props.put(name, r.value(name));
    }
    n.put("createdAt", HubSpotFormats.datetime(r.createdAt()));
    n.put("updatedAt", HubSpotFormats.datetime(r.updatedAt()));
    n.put("archived", false);
    return n;
  }

  /** A record with every property it holds. */
  public static ObjectNode fullRecord(HubSpotObject object, HubSpotRecord r) {
    return record(object, r, r.properties().keySet());
  }

  /** The batch answer: {@code status COMPLETE}, results, then errors when there are any. */
  static ObjectNode batch(List<ObjectNode> results, List<ObjectNode> errors, Instant startedAt) {
    ObjectNode n = Json.object();
    n.put("status", "COMPLETE");
    n.putArray("results").addAll(results);
    if (!errors.isEmpty()) {
      n.put("numErrors", errors.size());
      n.putArray("errors").addAll(errors);
    }
    n.put("requestedAt", HubSpotFormats.datetime(startedAt));
    n.put("startedAt", HubSpotFormats.datetime(startedAt));
    n.put("completedAt", HubSpotFormats.datetime(startedAt));
    n.putObject("links");
    return n;
  }

  /** One entry of a batch answer's {@code errors}, naming its inputs in {@code context.ids}. */
  static ObjectNode batchError(String category, String message, Collection<String> ids) {
    ObjectNode e = Json.object();
    e.put("status", "error");
    e.put("category", category);
    e.put("message", message);
    ArrayNode idArray = e.putObject("context").putArray("ids");
    ids.forEach(idArray::add);
    return e;
  }

  /** 200 when every input succeeded, else 207 Multi-Status. */
  static int batchStatus(List<ObjectNode> errors) {
    return errors.isEmpty() ? 200 : 207;
  }
}
