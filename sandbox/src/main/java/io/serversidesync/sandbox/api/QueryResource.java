package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.render.QueryRecordRenderer;
import io.serversidesync.sandbox.soql.ParentJoin;
import io.serversidesync.sandbox.soql.QueryRow;
import io.serversidesync.sandbox.soql.SoqlException;
import io.serversidesync.sandbox.soql.SoqlParser;
import io.serversidesync.sandbox.soql.SoqlQuery;
import io.serversidesync.sandbox.store.ObjectStore;
import io.serversidesync.sandbox.store.RecordStore;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /query?q=} and {@code /query/{locator}-{offset}}: SOQL with nextRecordsUrl paging. */
final class QueryResource {
  static final int DEFAULT_BATCH = 2000;
  static final int MIN_BATCH = 200;
  private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d+)");
  private static final Pattern LOCATOR = Pattern.compile("(01g[0-9A-Za-z]{15})-(\\d+)");

  private final RecordStore store;
  private final QueryCursors cursors;

  QueryResource(RecordStore store, QueryCursors cursors) {
    this.store = store;
    this.cursors = cursors;
  }

  void register(Router<ApiCall> router) {
    router
        .add("GET", "query", "query", this::query)
        .add("GET", "queryAll", "query", this::query)
        .add("GET", "query/{locator}", "query.more", this::more)
        .add("GET", "queryAll/{locator}", "query.more", this::more);
  }

  private Response query(Request r, Map<String, String> p, ApiCall c) throws ApiException {
    String soql =
        r.query("q")
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "MALFORMED_QUERY", "A query string has to be specified"));
    SoqlQuery q;
    try {
      q = SoqlParser.parse(soql, store.schema());
    } catch (SoqlException e) {
      throw ApiException.badRequest(e.errorCode(), e.getMessage());
    }
    ObjectStore os = store.store(q.object());
    List<Map<String, Object>> rows = q.run(os.locked(os::snapshot));
    if (q.countOnly()) {
      ObjectNode body = Json.object();
      body.put("totalSize", rows.size());
      body.put("done", true);
      body.putArray("records");
      return Response.json(200, body);
    }
    int batch = batchSize(r);
    QueryCursors.Cursor cursor =
        new QueryCursors.Cursor(q.object(), q.select(), ParentJoin.join(q, rows, store), batch);
    String locator = rows.size() > batch ? cursors.open(cursor) : null;
    return Response.json(200, page(cursor, locator, 0, c));
  }

  private Response more(Request r, Map<String, String> p, ApiCall c) throws ApiException {
    Matcher m = LOCATOR.matcher(p.get("locator"));
    if (!m.matches()) {
      throw ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
    }
    String locator = m.group(1);
    int offset = Integer.parseInt(m.group(2));
    QueryCursors.Cursor cursor =
        cursors
            .get(locator)
            .orElseThrow(
                () -> ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator"));
    if (offset > cursor.rows().size()) {
      throw ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
    }
    ObjectNode body = page(cursor, locator, offset, c);
    if (body.get("done").asBoolean()) {
      cursors.close(locator);
    }
    return Response.json(200, body);
  }

  private static ObjectNode page(
      QueryCursors.Cursor cursor, String locator, int offset, ApiCall c) {
    List<QueryRow> rows = cursor.rows();
    int end = Math.min(rows.size(), offset + cursor.batchSize());
    ObjectNode body = Json.object();
    body.put("totalSize", rows.size());
    boolean done = end >= rows.size();
    body.put("done", done);
    if (!done) {
      body.put("nextRecordsUrl", c.basePath() + "/query/" + locator + "-" + end);
    }
    ArrayNode records = body.putArray("records");
    for (int i = offset; i < end; i++) {
      records.add(
          QueryRecordRenderer.record(cursor.object(), rows.get(i), cursor.select(), c.basePath()));
    }
    return body;
  }

  /** {@code Sforce-Query-Options: batchSize=N}, 200 to 2,000; the default is 2,000. */
  private static int batchSize(Request r) {
    return r.header("Sforce-Query-Options")
        .map(BATCH_SIZE::matcher)
        .filter(Matcher::find)
        .map(m -> Integer.parseInt(m.group(1)))
        .map(n -> Math.max(MIN_BATCH, Math.min(DEFAULT_BATCH, n)))
        .orElse(DEFAULT_BATCH);
  }
}
