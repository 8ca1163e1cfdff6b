package io.serversidesync.sandbox.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.Fields;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.values.ValueRenderer;
import io.serversidesync.sandbox.write.RecordError;
import io.serversidesync.sandbox.write.SaveResult;
import java.util.List;
import java.util.Map;

/** Renders records and save results in Salesforce's JSON shapes. */
public final class RecordRenderer {
  private RecordRenderer() {}

  /** {@code {"attributes":{"type","url"}, field: value, …}} with the given fields in order. */
  public static ObjectNode record(
      ObjectDef object, Map<String, Object> values, List<FieldDef> fields, String basePath) {
    ObjectNode node = Json.object();
    ObjectNode attributes = node.putObject("attributes");
    attributes.put("type", object.name());
    attributes.put("url", basePath + "/sobjects/" + object.name() + "/" + values.get(Fields.ID));
    for (FieldDef f : fields) {
      node.set(f.name(), ValueRenderer.toJson(f, values.get(f.name())));
    }
    return node;
  }

  /** A collection result entry: {@code {"id","success","errors","created"}}. */
  public static ObjectNode saveResult(SaveResult r, boolean withCreated) {
    ObjectNode node = Json.object();
    if (r.id() != null) {
      node.put("id", r.id());
    }
    node.put("success", r.success());
    ArrayNode errors = node.putArray("errors");
    for (RecordError e : r.errors()) {
      errors.add(error(e));
    }
    if (withCreated && r.success()) {
      node.put("created", r.created());
    }
    return node;
  }

  /** A record-level error: {@code {"statusCode","message","fields"}}. */
  public static ObjectNode error(RecordError e) {
    ObjectNode node = Json.object();
    node.put("statusCode", e.statusCode());
    node.put("message", e.message());
    ArrayNode fields = node.putArray("fields");
    e.fields().forEach(fields::add);
    return node;
  }
}
