package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.search.InvalidSearchException;
import io.serversidesync.sandbox.hubspot.search.SearchEngine;
import io.serversidesync.sandbox.hubspot.search.SearchPage;
import io.serversidesync.sandbox.hubspot.search.SearchRequest;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import io.serversidesync.sandbox.hubspot.store.HubSpotStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /crm/v3/objects/{objectType}/search}: {@code {"total","results","paging"}}, no {@code
 * paging} on the last page.
 */
public final class SearchResource {
  public static final String NAME = "hubspot.search";

  private final HubSpotStore store;

  public SearchResource(HubSpotStore store) {
    this.store = store;
  }

  public void register(Router<CallContext> router) {
    router.add(
        "POST", "crm/v3/objects/{objectType}/search", NAME, HubSpotHandler.wrap(this::search));
  }

  private Response search(Request r, Map<String, String> p, CallContext c)
      throws HubSpotException, IOException {
    HubSpotObject object = c.object(p.get("objectType"), CallContext.OBJECTS, "read");
    ObjectNode body = Bodies.object(r);
    SearchRequest request;
    try {
      request = SearchRequest.parse(object, body);
    } catch (InvalidSearchException e) {
      throw HubSpotErrors.validation(e.getMessage());
    }
    List<String> names = Properties.requested(object, body.get("properties"));
    SearchPage page = SearchEngine.run(store.records(object).snapshot(), request);
    ObjectNode out = Json.object();
    out.put("total", page.total());
    ArrayNode results = out.putArray("results");
    for (HubSpotRecord rec : page.records()) {
      results.add(RecordJson.record(object, rec, names));
    }
    page.nextAfter()
        .ifPresent(
            a -> out.putObject("paging").putObject("next").put("after", Integer.toString(a)));
    return Response.json(200, out);
  }
}
