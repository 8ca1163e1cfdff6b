package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.render.RecordRenderer;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.Fields;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.ObjectStore;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.store.SalesforceId;
import io.serversidesync.sandbox.values.IncomingValues;
import io.serversidesync.sandbox.values.SalesforceFormats;
import io.serversidesync.sandbox.values.ValueMismatchException;
import io.serversidesync.sandbox.write.RecordError;
import io.serversidesync.sandbox.write.RecordInput;
import io.serversidesync.sandbox.write.SaveResult;
import io.serversidesync.sandbox.write.SingleUpsertOutcome;
import io.serversidesync.sandbox.write.UpsertService;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /sobjects}: global describe, describe, create, get/update/delete by id, and upsert/get/
 * delete by external id, plus the updated/deleted replication resources.
 */
final class SObjectResource {
  private final RecordStore store;
  private final UpsertService writes;

  SObjectResource(RecordStore store, UpsertService writes) {
    this.store = store;
    this.writes = writes;
  }

  void register(Router<ApiCall> router) {
    router
        .add("GET", "sobjects", "sobjects.list", (r, p, c) -> list(c))
        .add("GET", "sobjects/{sobject}/describe", "sobject.describe", (r, p, c) -> describe(p, c))
        .add("GET", "sobjects/{sobject}/updated", "sobject.updated", this::updated)
        .add("GET", "sobjects/{sobject}/deleted", "sobject.deleted", this::deleted)
        .add("GET", "sobjects/{sobject}", "sobject.info", (r, p, c) -> info(p, c))
        .add("POST", "sobjects/{sobject}", "sobject.create", this::create)
        .add("GET", "sobjects/{sobject}/{id}", "sobject.get", this::get)
        .add("PATCH", "sobjects/{sobject}/{id}", "sobject.update", this::update)
        .add("DELETE", "sobjects/{sobject}/{id}", "sobject.delete", this::delete)
        .add(
            "GET",
            "sobjects/{sobject}/{field}/{value}",
            "sobject.getByExternalId",
            this::getByExternalId)
        .add("PATCH", "sobjects/{sobject}/{field}/{value}", "sobject.upsert", this::upsert)
        .add(
            "DELETE",
            "sobjects/{sobject}/{field}/{value}",
            "sobject.deleteByExternalId",
            this::deleteByExternalId);
  }

  ObjectDef object(Map<String, String> params) throws ApiException {
    return store.schema().object(params.get("sobject")).orElseThrow(ApiException::notFound);
  }

  /** The external-id field named in a path; Salesforce answers NOT_FOUND for anything else. */
  static FieldDef externalIdField(ObjectDef object, String name) throws ApiException {
    Optional<FieldDef> f = object.field(name);
    if (f.isEmpty() || !(f.get().externalId() || f.get().name().equals(Fields.ID))) {
      throw new ApiException(
          404,
          "NOT_FOUND",
          "Provided external ID field does not exist or is not accessible: " + name);
    }
    return f.get();
  }

  private Response list(ApiCall c) {
    ObjectNode body = Json.object();
    body.put("encoding", "UTF-8");
    body.put("maxBatchSize", 200);
    ArrayNode list = body.putArray("sobjects");
    store.schema().objects().forEach(o -> list.add(DescribeRenderer.summary(o, c.basePath())));
    return Response.json(200, body);
  }

  private Response info(Map<String, String> p, ApiCall c) throws ApiException {
    ObjectDef o = object(p);
    ObjectNode body = Json.object();
    body.set("objectDescribe", DescribeRenderer.summary(o, c.basePath()));
    body.putArray("recentItems");
    return Response.json(200, body);
  }

  private Response describe(Map<String, String> p, ApiCall c) throws ApiException {
    return Response.json(200, DescribeRenderer.describe(object(p), c.basePath()));
  }

  private Response create(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    ObjectDef o = object(p);
    RecordInput in = RecordBodyReader.readSingle(r.body(), o);
    SaveResult result = writes.create(o, in);
    if (!result.success()) {
      throw recordFailure(result.firstError());
    }
    ObjectNode body = Json.object();
    body.put("id", result.id());
    body.put("success", true);
    body.putArray("errors");
    return Response.json(201, body);
  }

  private Response get(Request r, Map<String, String> p, ApiCall c) throws ApiException {
    ObjectDef o = object(p);
    String id = SalesforceId.canonical(p.get("id")).orElseThrow(ApiException::notFound);
    ObjectStore os = store.store(o);
    Map<String, Object> values =
        os.locked(() -> os.get(id).map(rec -> rec.copyValues()))
            .orElseThrow(ApiException::notFound);
    return Response.json(200, RecordRenderer.record(o, values, selectedFields(r, o), c.basePath()));
  }

  private Response getByExternalId(Request r, Map<String, String> p, ApiCall c)
      throws ApiException {
    ObjectDef o = object(p);
    FieldDef f = externalIdField(o, p.get("field"));
    String value = p.get("value");
    ObjectStore os = store.store(o);
    List<Map<String, Object>> matches =
        os.locked(
            () -> {
              if (f.name().equals(Fields.ID)) {
                return SalesforceId.canonical(value)
                    .flatMap(os::get)
                    .map(rec -> List.of(rec.copyValues()))
                    .orElse(List.of());
              }
              return os.findBy(f, value).stream().map(rec -> rec.copyValues()).toList();
            });
    if (matches.isEmpty()) {
      throw ApiException.notFound();
    }
    if (matches.size() > 1) {
      return multipleChoices(o, matches.stream().map(m -> (String) m.get(Fields.ID)).toList(), c);
    }
    return Response.json(
        200, RecordRenderer.record(o, matches.get(0), selectedFields(r, o), c.basePath()));
  }

  private static List<FieldDef> selectedFields(Request r, ObjectDef o) throws ApiException {
    Optional<String> fields = r.query("fields");
    if (fields.isEmpty() || fields.get().isBlank()) {
      return o.fields();
    }
    List<FieldDef> out = new ArrayList<>();
    for (String name : fields.get().split(",")) {
      String n = name.trim();
      out.add(
          o.field(n)
              .orElseThrow(
                  () ->
                      new ApiException(
                          400,
                          "INVALID_FIELD",
                          "No such column '" + n + "' on entity '" + o.name() + "'.")));
    }
    return out;
  }

  private Response update(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    ObjectDef o = object(p);
    String id = SalesforceId.canonical(p.get("id")).orElseThrow(ApiException::notFound);
    RecordInput in = RecordBodyReader.readSingle(r.body(), o);
    SaveResult result = writes.update(o, id, in).orElseThrow(ApiException::notFound);
    if (!result.success()) {
      throw recordFailure(result.firstError());
    }
    return Response.noContent();
  }

  private Response delete(Request r, Map<String, String> p, ApiCall c) throws ApiException {
    ObjectDef o = object(p);
    String id = SalesforceId.canonical(p.get("id")).orElseThrow(ApiException::notFound);
    if (!id.startsWith(o.keyPrefix())) {
      throw ApiException.notFound();
    }
    SaveResult result = writes.deleteByIds(List.of(id), false).get(0);
    if (!result.success()) {
      String code = result.firstError().statusCode();
      if (code.equals("INVALID_CROSS_REFERENCE_KEY")) {
        throw ApiException.notFound();
      }
      throw recordFailure(result.firstError());
    }
    return Response.noContent();
  }

  private Response upsert(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    ObjectDef o = object(p);
    FieldDef f = externalIdField(o, p.get("field"));
    RecordInput body = RecordBodyReader.readSingle(r.body(), o);
    if (f.name().equals(Fields.ID)) {
      throw new ApiException(
          400,
          "NOT_FOUND",
          "Provided external ID field does not exist or is not accessible: " + f.name());
    }
    if (body.has(f)) {
      throw new ApiException(
          400,
          "INVALID_FIELD",
          "The external ID field "
              + f.name()
              + " is given in the URL; remove it from the request body",
          List.of(f.name()));
    }
    boolean updateOnly = r.query("updateOnly").map(Boolean::parseBoolean).orElse(false);
    Object key;
    try {
      key = IncomingValues.fromText(f, p.get("value"));
    } catch (ValueMismatchException e) {
      throw new ApiException(
          400,
          "INVALID_FIELD",
          f.label() + ": value not of required type: " + p.get("value"),
          List.of(f.name()));
    }
    SingleUpsertOutcome outcome = writes.upsertOne(o, f, key, body, updateOnly);
    if (outcome instanceof SingleUpsertOutcome.MultipleMatches m) {
      return multipleChoices(o, m.ids(), c);
    }
    if (outcome instanceof SingleUpsertOutcome.NoMatch) {
      throw ApiException.notFound();
    }
    SaveResult result = ((SingleUpsertOutcome.Done) outcome).result();
    if (!result.success()) {
      throw recordFailure(result.firstError());
    }
    if (!result.created() && !c.atLeast(46)) {
      return Response.noContent();
    }
    ObjectNode out = Json.object();
    out.put("id", result.id());
    out.put("success", true);
    out.putArray("errors");
    out.put("created", result.created());
    return Response.json(result.created() ? 201 : 200, out);
  }

  private Response deleteByExternalId(Request r, Map<String, String> p, ApiCall c)
      throws ApiException {
    ObjectDef o = object(p);
    FieldDef f = externalIdField(o, p.get("field"));
    SingleUpsertOutcome outcome = writes.deleteOne(o, f, p.get("value"));
    if (outcome instanceof SingleUpsertOutcome.MultipleMatches m) {
      return multipleChoices(o, m.ids(), c);
    }
    if (outcome instanceof SingleUpsertOutcome.NoMatch) {
      throw ApiException.notFound();
    }
    SaveResult result = ((SingleUpsertOutcome.Done) outcome).result();
    if (!result.success()) {
      throw recordFailure(result.firstError());
    }
    return Response.noContent();
  }

  /** 300 Multiple Choices: the URLs of the records an external id matched. */
  private static Response multipleChoices(ObjectDef o, List<String> ids, ApiCall c) {
    ArrayNode urls = Json.array();
    ids.forEach(id -> urls.add(c.basePath() + "/sobjects/" + o.name() + "/" + id));
    return Response.json(300, urls);
  }

  /** A record error of a single-record call: 400 with the request-level array shape. */
  static ApiException recordFailure(RecordError e) {
    return new ApiException(400, e.statusCode(), e.message(), e.fields());
  }

  private Response updated(Request r, Map<String, String> p, ApiCall c) throws ApiException {
    ObjectDef o = object(p);
    Instant[] window = window(r);
    ObjectStore os = store.store(o);
    List<Map<String, Object>> all = os.locked(os::snapshot);
    ObjectNode body = Json.object();
    ArrayNode ids = body.putArray("ids");
    for (Map<String, Object> rec : all) {
      Instant stamp = (Instant) rec.get(Fields.SYSTEM_MODSTAMP);
      if (!stamp.isBefore(window[0]) && stamp.isBefore(window[1])) {
        ids.add((String) rec.get(Fields.ID));
      }
    }
    body.put("latestDateCovered", SalesforceFormats.datetime(window[1]));
    return Response.json(200, body);
  }

  private Response deleted(Request r, Map<String, String> p, ApiCall c) throws ApiException {
    ObjectDef o = object(p);
    Instant[] window = window(r);
    ObjectStore os = store.store(o);
    Map<String, Instant> deleted = os.locked(os::deletedRecords);
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("deletedRecords");
    Instant earliest = null;
    for (Map.Entry<String, Instant> e : deleted.entrySet()) {
      if (earliest == null || e.getValue().isBefore(earliest)) {
        earliest = e.getValue();
      }
      if (!e.getValue().isBefore(window[0]) && e.getValue().isBefore(window[1])) {
        ObjectNode d = list.addObject();
        d.put("deletedDate", SalesforceFormats.datetime(e.getValue()));
        d.put("id", e.getKey());
      }
    }
    body.put(
        "earliestDateAvailable",
        SalesforceFormats.datetime(earliest != null ? earliest : window[0]));
    body.put("latestDateCovered", SalesforceFormats.datetime(window[1]));
    return Response.json(200, body);
  }

  /**
   * The start/end parameters, end rounded down to the minute as Salesforce covers whole minutes.
   */
  private static Instant[] window(Request r) throws ApiException {
    String start =
        r.query("start")
            .orElseThrow(() -> ApiException.badRequest("MISSING_ARGUMENT", "start not specified"));
    String end =
        r.query("end")
            .orElseThrow(() -> ApiException.badRequest("MISSING_ARGUMENT", "end not specified"));
    try {
      Instant s = SalesforceFormats.parseDatetime(start);
      Instant e = SalesforceFormats.parseDatetime(end).truncatedTo(ChronoUnit.MINUTES);
      if (!e.isAfter(s)) {
        throw ApiException.badRequest(
            "INVALID_REPLICATION_DATE", "end date must be after start date");
      }
      return new Instant[] {s, e};
    } catch (DateTimeParseException ex) {
      throw ApiException.badRequest(
          "INVALID_REPLICATION_DATE", "invalid date: " + ex.getParsedString());
    }
  }
}
