package io.serversidesync.runner.destination.salesforce.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.destination.ChangeReader;
import io.serversidesync.runner.destination.ChangedRecord;
import io.serversidesync.runner.destination.DeletedRecord;
import io.serversidesync.runner.destination.DeletionPage;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.api.QueryPages;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.describe.ObjectDescription;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import io.serversidesync.runner.destination.salesforce.parent.ParentField;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads changed records with {@code SELECT Id, SystemModstamp, <mapped fields> FROM <object> WHERE
 * SystemModstamp > :t OR (SystemModstamp = :t AND Id > :id) ORDER BY SystemModstamp, Id}: every
 * change is read once even when many records share one SystemModstamp (whole seconds), and pages
 * follow nextRecordsUrl. SystemModstamp is indexed and also moves for changes by automated
 * processes, unlike LastModifiedDate. Deletions come from the sObject deleted resource, which
 * covers whole minutes and the last 15 days. Each page and each deleted call is one API call.
 */
public final class SoqlChangeReader implements ChangeReader {

  private static final Logger log = LoggerFactory.getLogger(SoqlChangeReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MIN_BATCH = 200;
  private static final int MAX_BATCH = 2000;
  private static final Duration DELETED_WINDOW = Duration.ofDays(15);

  private final SalesforceApi api;
  private final String object;
  private final String externalIdField;
  private final List<String> fields;
  private final List<FieldDescription> descriptions;
  private final List<ParentField> parents;

  /**
   * @param fields the mapped field API names in mapping order (the external-id field among them)
   * @param parents lookups set by the parent's external id, by lower-case field name: read back
   *     through the relationship (Account.Account_Ref__c), so the column gets the parent's external
   *     id, not its record id
   */
  public SoqlChangeReader(
      SalesforceApi api,
      ObjectDescription object,
      String externalIdField,
      List<String> fields,
      Map<String, ParentField> parents) {
    this.api = api;
    this.object = object.name();
    this.externalIdField = externalIdField;
    this.fields = List.copyOf(fields);
    this.descriptions = this.fields.stream().map(object::fieldOrUnknown).toList();
    this.parents = this.fields.stream().map(f -> parents.get(f.toLowerCase(Locale.ROOT))).toList();
  }

  /** The query for changes after the cursor. */
  String soql(ChangeCursor after) {
    StringBuilder select = new StringBuilder("SELECT Id, SystemModstamp");
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i);
      if (parents.get(i) != null) {
        // the parent's key for the mapped column, its record id for spec...reference.idColumn
        select.append(", ").append(parents.get(i).soqlPath()).append(", ").append(field);
      } else if (!field.equalsIgnoreCase("Id") && !field.equalsIgnoreCase("SystemModstamp")) {
        select.append(", ").append(field);
      }
    }
    select.append(" FROM ").append(object);
    if (!after.isStart()) {
      String t = after.modifiedAt().truncatedTo(ChronoUnit.SECONDS).toString();
      select
          .append(" WHERE SystemModstamp > ")
          .append(t)
          .append(" OR (SystemModstamp = ")
          .append(t)
          .append(" AND Id > '")
          .append(after.nativeId().replace("\\", "\\\\").replace("'", "\\'"))
          .append("')");
    }
    return select.append(" ORDER BY SystemModstamp, Id").toString();
  }

  @Override
  public ChangePage read(ChangeCursor after, String continuation, int pageSize)
      throws DestinationException {
    for (ParentField parent : parents) {
      if (parent != null && parent.polymorphic()) {
        throw new DestinationException(
            Kind.CONFIGURATION,
            "TwoWayUnsupported",
            "two-way sync cannot read the polymorphic lookup "
                + object
                + "."
                + parent.field()
                + " back by the parent's external id (SOQL would need TYPEOF); sync it in a"
                + " resource without spec.twoWay, or remove it from this one's mapping");
      }
    }
    int batch = Math.max(MIN_BATCH, Math.min(MAX_BATCH, pageSize));
    String soql = continuation == null ? soql(after) : null;
    HttpReply reply =
        api.call(
            "changes-query",
            root ->
                new Request.Builder()
                    .url(QueryPages.url(root, soql, continuation))
                    .header("Sforce-Query-Options", "batchSize=" + batch)
                    .get());
    if (!reply.successful()) {
      throw failure(reply, continuation != null);
    }
    JsonNode body = QueryPages.parse(reply.body(), "the poll is tried again");
    List<ChangedRecord> records = new ArrayList<>();
    for (JsonNode record : body.path("records")) {
      records.add(record(record));
    }
    return new ChangePage(records, QueryPages.next(body));
  }

  /** One record of a query answer (package-private for tests). */
  ChangedRecord record(JsonNode record) throws DestinationException {
    String id = record.path("Id").asText(null);
    String modstamp = QueryPages.field(record, "SystemModstamp").asText(null);
    if (id == null || modstamp == null) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedResponse",
          "a " + object + " record in Salesforce's query answer lacks Id or SystemModstamp");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> parentIds = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      ParentField parent = parents.get(i);
      if (parent == null) {
        values.put(
            fields.get(i),
            FieldDecoder.decode(QueryPages.field(record, fields.get(i)), descriptions.get(i)));
        continue;
      }
      String parentId = FieldDecoder.key(QueryPages.field(record, fields.get(i)));
      parentIds.put(fields.get(i), parentId);
      Object parentKey = FieldDecoder.decode(parentKey(record, parent), parent.parentKey());
      if (parentId == null || parentKey != null) {
        values.put(fields.get(i), parentKey);
      }
      // else the parent has no external id: the lookup's value as Postgres holds it is unknown,
      // and reading it as NULL would clear the lookup with the row's next forward change
    }
    String key = FieldDecoder.key(QueryPages.field(record, externalIdField));
    return new ChangedRecord(id, key, FieldDecoder.instant(modstamp), values, parentIds);
  }

  /** The parent's external id: {"Account": {"Account_Ref__c": "A-17"}}, or null without parent. */
  private static JsonNode parentKey(JsonNode record, ParentField parent) {
    JsonNode related = QueryPages.field(record, parent.relationshipName());
    return related == null || !related.isObject()
        ? null
        : QueryPages.field(related, parent.parentKey().name());
  }

  @Override
  public Optional<DeletionPage> deletions(Instant from, Instant now) throws DestinationException {
    Instant end = now.truncatedTo(ChronoUnit.MINUTES);
    Instant oldest = now.minus(DELETED_WINDOW).plus(Duration.ofMinutes(1));
    Instant start = from;
    if (start.isBefore(oldest)) {
      log.warn(
          "records deleted in Salesforce between {} and {} can no longer be read (Salesforce keeps"
              + " 15 days); rows of such records stay in Postgres",
          from,
          oldest);
      start = oldest;
    }
    if (!end.isAfter(start)) {
      return Optional.empty();
    }
    String startText = start.truncatedTo(ChronoUnit.SECONDS).toString();
    String endText = end.toString();
    HttpReply reply =
        api.call(
            "changes-deleted",
            root ->
                new Request.Builder()
                    .url(
                        root.newBuilder()
                            .addPathSegment("sobjects")
                            .addPathSegment(object)
                            .addPathSegment("deleted")
                            .addPathSegment("")
                            .addQueryParameter("start", startText)
                            .addQueryParameter("end", endText)
                            .build())
                    .get());
    if (!reply.successful()) {
      throw failure(reply, false);
    }
    JsonNode body = parse(reply.body());
    List<DeletedRecord> deleted = new ArrayList<>();
    for (JsonNode d : body.path("deletedRecords")) {
      String id = d.path("id").asText(null);
      String when = d.path("deletedDate").asText(null);
      if (id != null && when != null) {
        deleted.add(new DeletedRecord(id, FieldDecoder.instant(when)));
      }
    }
    String covered = body.path("latestDateCovered").asText(null);
    return Optional.of(
        new DeletionPage(deleted, covered == null ? end : FieldDecoder.instant(covered)));
  }

  private DestinationException failure(HttpReply reply, boolean continuation) {
    List<SalesforceError> errors = reply.errors();
    String code = errors.isEmpty() ? "" : errors.get(0).code();
    String detail = errors.isEmpty() ? "HTTP " + reply.status() : errors.get(0).describe();
    if (continuation && (reply.status() == 404 || "INVALID_QUERY_LOCATOR".equals(code))) {
      return new DestinationException(
          Kind.TRANSIENT,
          "QueryLocatorExpired",
          "Salesforce no longer knows the query's next page ("
              + detail
              + "); reading again from the last mark");
    }
    return new DestinationException(
        Kind.CONFIGURATION,
        "ReverseReadRejected",
        "Salesforce refused to read changed "
            + object
            + " records: "
            + detail
            + "; the integration user needs read access to "
            + object
            + " and every mapped field"
            + (code.toUpperCase(Locale.ROOT).contains("FIELD") ? " (check spec.mapping)" : ""));
  }

  private static JsonNode parse(String body) throws DestinationException {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedResponse",
          "Salesforce's answer is not JSON; the poll is tried again",
          null,
          e);
    }
  }
}
