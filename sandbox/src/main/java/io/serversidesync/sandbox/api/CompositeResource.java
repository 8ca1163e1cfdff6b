package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.RecordStore;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST …/composite}: several subrequests in one call (Salesforce counts the whole request as
 * one call toward the API limits), at most 25. The sandbox runs the subrequests the runner sends
 * there, sObject describes; any other subrequest is answered in its subresponse with 400
 * NOT_SUPPORTED, so a client that relies on more learns it at once.
 */
final class CompositeResource {
  static final int MAX_SUBREQUESTS = 25;

  private static final Pattern DESCRIBE =
      Pattern.compile("/services/data/v\\d{1,3}\\.\\d/sobjects/([^/?]+)/describe/?");

  private final RecordStore store;

  CompositeResource(RecordStore store) {
    this.store = store;
  }

  void register(Router<ApiCall> router) {
    router.add("POST", "composite", "composite", this::composite);
  }

  private Response composite(Request r, Map<String, String> p, ApiCall c)
      throws ApiException, IOException {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(r.body());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("JSON_PARSER_ERROR", "Unexpected character in request body");
    }
    JsonNode requests = body == null ? null : body.get("compositeRequest");
    if (requests == null || !requests.isArray() || requests.isEmpty()) {
      throw ApiException.badRequest(
          "INVALID_FIELD", "compositeRequest: a non-empty list of subrequests is required");
    }
    if (requests.size() > MAX_SUBREQUESTS) {
      throw ApiException.badRequest(
          "LIMIT_EXCEEDED", "Composite requests cannot contain more than 25 subrequests");
    }
    ArrayNode responses = Json.array();
    for (JsonNode sub : requests) {
      responses.add(subresponse(sub, c));
    }
    ObjectNode out = Json.object();
    out.set("compositeResponse", responses);
    return Response.json(200, out);
  }

  private ObjectNode subresponse(JsonNode sub, ApiCall c) {
    ObjectNode out = Json.object();
    out.putObject("httpHeaders");
    try {
      out.set("body", run(sub, c));
      out.put("httpStatusCode", 200);
    } catch (ApiException e) {
      out.set("body", e.body());
      out.put("httpStatusCode", e.status());
    }
    out.put("referenceId", sub.path("referenceId").asText(null));
    return out;
  }

  private JsonNode run(JsonNode sub, ApiCall c) throws ApiException {
    Matcher describe = DESCRIBE.matcher(sub.path("url").asText(""));
    if (!"GET".equals(sub.path("method").asText("")) || !describe.matches()) {
      throw ApiException.badRequest(
          "NOT_SUPPORTED",
          "the sandbox's composite resource runs GET …/sobjects/{SObject}/describe subrequests"
              + " only");
    }
    ObjectDef o = store.schema().object(describe.group(1)).orElseThrow(ApiException::notFound);
    return DescribeRenderer.describe(o, c.basePath());
  }
}
