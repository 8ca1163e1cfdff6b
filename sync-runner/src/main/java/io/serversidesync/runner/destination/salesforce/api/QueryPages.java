package io.serversidesync.runner.destination.salesforce.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The paging of Salesforce's {@code query} resource: the first page is the SOQL, each further page
 * the answer's {@code nextRecordsUrl}, until {@code done}.
 */
public final class QueryPages {

  private static final ObjectMapper JSON = new ObjectMapper();

  private QueryPages() {}

  /** The URL of the first page (continuation null) or of the page a nextRecordsUrl names. */
  public static HttpUrl url(HttpUrl root, String soql, String continuation) {
    if (continuation == null) {
      return root.newBuilder().addPathSegment("query").addQueryParameter("q", soql).build();
    }
    HttpUrl url = root.resolve(continuation);
    if (url == null) {
      throw new IllegalStateException("nextRecordsUrl is not a URL path: " + continuation);
    }
    return url;
  }

  /**
   * A page's JSON; an answer that is not JSON is transient.
   *
   * @param retried what happens next, for the message (e.g. "the poll is tried again")
   */
  public static JsonNode parse(String body, String retried) throws DestinationException {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedResponse",
          "Salesforce's query answer is not JSON; " + retried,
          null,
          e);
    }
  }

  /** The continuation of a page, or null on the last page. */
  public static String next(JsonNode page) {
    return page.path("done").asBoolean(true) ? null : page.path("nextRecordsUrl").asText(null);
  }

  /**
   * A field of a query record; SOQL answers spell field names as the query did, which may differ in
   * case from the describe's spelling. Missing when absent.
   */
  public static JsonNode field(JsonNode record, String name) {
    JsonNode value = record.get(name);
    if (value != null) {
      return value;
    }
    for (Map.Entry<String, JsonNode> entry : record.properties()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return MissingNode.getInstance();
  }
}
