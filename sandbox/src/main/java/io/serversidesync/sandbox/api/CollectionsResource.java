package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.render.RecordRenderer;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.Fields;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.write.RecordError;
import io.serversidesync.sandbox.write.RecordInput;
import io.serversidesync.sandbox.write.SaveResult;
import io.serversidesync.sandbox.write.UpsertService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** sObject Collections: upsert by external id and delete by ids, at most 200 records a call. */
final class CollectionsResource {
  static final int MAX_RECORDS = 200;

  private final RecordStore store;
  private final UpsertService writes;

  CollectionsResource(RecordStore store, UpsertService writes) {
    this.store = store;
    this.writes = writes;
  }

  void register(Router<ApiCall> router) {
    router
        .add("POST", "composite/sobjects", "composite.sobjects.create", this::create)
        .add("PATCH", "composite/sobjects", "composite.sobjects.update", this::update)
        .add("DELETE", "composite/sobjects", "composite.sobjects.delete", this::delete)
        .add(
            "PATCH",
            "composite/sobjects/{sobject}/{field}",
            "composite.sobjects.upsert",
            this::upsert);
  }

  private Response upsert(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    ObjectDef o = store.schema().object(p.get("sobject")).orElseThrow(ApiException::notFound);
    FieldDef f = SObjectResource.externalIdField(o, p.get("field"));
    if (f.name().equals(Fields.ID)) {
      throw new ApiException(
          400,
          "INVALID_FIELD",
          "Use an external ID field to upsert with sObject Collections, not Id");
    }
    RecordBodyReader.CollectionBody body = RecordBodyReader.readCollection(r.body(), o);
    if (body.records().size() > MAX_RECORDS) {
      throw tooMany();
    }
    for (int i = 0; i < body.types().size(); i++) {
      String type = body.types().get(i);
      if (type == null) {
        throw new ApiException(
            400,
            "INVALID_FIELD",
            "No type specified for the record at index "
                + i
                + ": every record needs attributes.type");
      }
      if (!type.equalsIgnoreCase(o.name())) {
        throw new ApiException(
            400,
            "INVALID_FIELD",
            "The record at index "
                + i
                + " has type "
                + type
                + "; all records must be of the type in the URL: "
                + o.name());
      }
    }
    List<SaveResult> results = writes.upsert(o, f, body.records(), body.allOrNone());
    ArrayNode out = Json.array();
    results.forEach(res -> out.add(RecordRenderer.saveResult(res, true)));
    return Response.json(200, out);
  }

  /** Reads a create/update collection; the sandbox takes one sObject type per request. */
  private RecordBodyReader.CollectionBody readTyped(byte[] body, List<ObjectDef> type)
      throws ApiException {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      // Let the streaming reader report the parse error with its location.
      tree = null;
    }
    String name =
        tree == null
            ? null
            : tree.path("records").path(0).path("attributes").path("type").asText(null);
    ObjectDef o =
        name == null
            ? store.schema().objects().iterator().next()
            : store
                .schema()
                .object(name)
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "INVALID_TYPE", "sObject type '" + name + "' is not supported."));
    RecordBodyReader.CollectionBody parsed = RecordBodyReader.readCollection(body, o);
    if (parsed.records().size() > MAX_RECORDS) {
      throw tooMany();
    }
    for (int i = 0; i < parsed.types().size(); i++) {
      String t = parsed.types().get(i);
      if (t == null || !t.equalsIgnoreCase(o.name())) {
        throw new ApiException(
            400,
            "INVALID_FIELD",
            "The record at index "
                + i
                + " has type "
                + t
                + "; the sandbox takes records of one sObject type per request ("
                + o.name()
                + ")");
      }
    }
    type.add(o);
    return parsed;
  }

  private Response create(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    List<ObjectDef> type = new ArrayList<>();
    RecordBodyReader.CollectionBody body = readTyped(r.body(), type);
    if (body.records().isEmpty()) {
      return Response.json(200, Json.array());
    }
    List<SaveResult> results = writes.createAll(type.get(0), body.records(), body.allOrNone());
    ArrayNode out = Json.array();
    results.forEach(res -> out.add(RecordRenderer.saveResult(res, false)));
    return Response.json(200, out);
  }

  private Response update(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    List<ObjectDef> type = new ArrayList<>();
    RecordBodyReader.CollectionBody body = readTyped(r.body(), type);
    if (body.records().isEmpty()) {
      return Response.json(200, Json.array());
    }
    ObjectDef o = type.get(0);
    FieldDef idField = o.field(Fields.ID).orElseThrow();
    List<String> ids = new ArrayList<>();
    List<RecordInput> inputs = new ArrayList<>();
    for (RecordInput in : body.records()) {
      Object id = in.value(idField);
      ids.add(id == null ? null : id.toString());
      inputs.add(
          id == null
              ? RecordInput.failed(
                  RecordError.of("MISSING_ARGUMENT", "Id not specified in an update call"))
              : in.without(idField));
    }
    List<SaveResult> results = writes.updateAll(o, ids, inputs, body.allOrNone());
    ArrayNode out = Json.array();
    results.forEach(res -> out.add(RecordRenderer.saveResult(res, false)));
    return Response.json(200, out);
  }

  private Response delete(Request r, Map<String, String> p, ApiCall c) throws ApiException {
    String ids =
        r.query("ids")
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "MISSING_ARGUMENT", "Required parameter 'ids' is missing"));
    List<String> list = Arrays.stream(ids.split(",")).map(String::trim).toList();
    if (list.size() > MAX_RECORDS) {
      throw tooMany();
    }
    boolean allOrNone = r.query("allOrNone").map(Boolean::parseBoolean).orElse(false);
    List<SaveResult> results = writes.deleteByIds(list, allOrNone);
    ArrayNode out = Json.array();
    results.forEach(res -> out.add(RecordRenderer.saveResult(res, false)));
    return Response.json(200, out);
  }

  private static ApiException tooMany() {
    return ApiException.badRequest(
        "EXCEEDED_ID_LIMIT",
        "record limit reached. cannot submit more than 200 records into this call");
  }
}
