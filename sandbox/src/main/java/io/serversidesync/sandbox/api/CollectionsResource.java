package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.Fields;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.write.SaveResult;
import io.serversidesync.sandbox.write.UpsertService;
import java.io.IOException;
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
