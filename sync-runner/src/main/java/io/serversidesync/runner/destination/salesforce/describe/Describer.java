package io.serversidesync.runner.destination.salesforce.describe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code GET …/sobjects/{object}/describe} (one API call), or several objects' describes in
 * one Composite request.
 */
public final class Describer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final Logger log = LoggerFactory.getLogger(Describer.class);

  /** Subrequests Salesforce takes in one Composite request. */
  static final int COMPOSITE_LIMIT = 25;

  /** Salesforce takes letters, digits and underscores in a referenceId. */
  private static final String REFERENCE_PREFIX = "describe_";

  private final SalesforceApi api;

  public Describer(SalesforceApi api) {
    this.api = api;
  }

  /**
   * @throws DestinationException CONFIGURATION naming spec.destination.object when the org has no
   *     such object (or the user may not see it)
   */
  public ObjectDescription describe(String object) throws DestinationException {
    return describe(object, "spec.destination.object");
  }

  /**
   * @param specPath where the manifest names the object, for the error
   * @throws DestinationException CONFIGURATION naming {@code specPath} when the org has no such
   *     object (or the user may not see it)
   */
  public ObjectDescription describe(String object, String specPath) throws DestinationException {
    HttpReply reply =
        api.call(
            "describe", root -> new okhttp3.Request.Builder().url(sobjectUrl(root, object)).get());
    if (!reply.successful()) {
      List<SalesforceError> errors = reply.errors();
      String detail = errors.isEmpty() ? "HTTP " + reply.status() : errors.get(0).describe();
      if (reply.status() == 404) {
        throw new DestinationException(
            Kind.CONFIGURATION,
            "UnknownObject",
            specPath
                + ": Salesforce has no object "
                + object
                + " that the integration user can see ("
                + detail
                + ")");
      }
      throw new DestinationException(
          Kind.CONFIGURATION,
          "DescribeFailed",
          specPath + ": Salesforce refused to describe " + object + " (" + detail + ")");
    }
    return parse(reply.body(), object);
  }

  /**
   * Describes several objects in one Composite request, which Salesforce counts as one call toward
   * the API limits (at most 25 subrequests; more objects take more requests). An object Salesforce
   * does not describe there, or every object when the request itself fails, is left out: {@link
   * #describe} then describes it alone and reports the problem as usual.
   *
   * @return the descriptions by lower-case object name
   */
  public Map<String, ObjectDescription> describeTogether(List<String> objects)
      throws DestinationException {
    Map<String, ObjectDescription> described = new HashMap<>();
    for (int from = 0; from < objects.size(); from += COMPOSITE_LIMIT) {
      List<String> part = objects.subList(from, Math.min(objects.size(), from + COMPOSITE_LIMIT));
      HttpReply reply =
          api.call(
              "describe",
              root ->
                  new okhttp3.Request.Builder()
                      .url(root.newBuilder().addPathSegment("composite").build())
                      .post(RequestBody.create(compositeBody(root, part), JSON_TYPE)));
      if (!reply.successful()) {
        log.info(
            "describing {} in one composite request failed (HTTP {}); describing them one by one",
            part,
            reply.status());
        continue;
      }
      JsonNode answers = readJson(reply.body(), String.join(", ", part)).path("compositeResponse");
      for (JsonNode answer : answers) {
        int i = index(answer.path("referenceId").asText(""));
        if (i >= 0 && i < part.size() && answer.path("httpStatusCode").asInt() == 200) {
          described.put(
              part.get(i).toLowerCase(Locale.ROOT), parse(answer.path("body"), part.get(i)));
        }
      }
    }
    return described;
  }

  private static String compositeBody(okhttp3.HttpUrl root, List<String> objects) {
    ObjectNode body = JSON.createObjectNode().put("allOrNone", false);
    ArrayNode requests = body.putArray("compositeRequest");
    for (int i = 0; i < objects.size(); i++) {
      requests
          .addObject()
          .put("method", "GET")
          .put("url", sobjectUrl(root, objects.get(i)).encodedPath())
          .put("referenceId", REFERENCE_PREFIX + i);
    }
    return body.toString();
  }

  /** The position a subrequest's referenceId names, or -1. */
  private static int index(String referenceId) {
    if (!referenceId.startsWith(REFERENCE_PREFIX)) {
      return -1;
    }
    try {
      return Integer.parseInt(referenceId.substring(REFERENCE_PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1; // not one of ours: that object is described alone
    }
  }

  static ObjectDescription parse(String body, String requested) throws DestinationException {
    return parse(readJson(body, requested), requested);
  }

  private static JsonNode readJson(String body, String requested) throws DestinationException {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedDescribe",
          "the describe of " + requested + " is not JSON",
          null,
          e);
    }
  }

  private static ObjectDescription parse(JsonNode root, String requested) {
    List<FieldDescription> fields = new ArrayList<>();
    for (JsonNode field : root.path("fields")) {
      String name = field.path("name").asText("");
      if (name.isEmpty()) {
        continue;
      }
      fields.add(
          new FieldDescription(
              name,
              field.path("label").asText(name),
              field.path("type").asText("anytype").toLowerCase(Locale.ROOT),
              field.path("length").asInt(0),
              field.path("nillable").asBoolean(true),
              field.path("createable").asBoolean(false),
              field.path("updateable").asBoolean(false),
              field.path("externalId").asBoolean(false),
              field.path("unique").asBoolean(false),
              field.path("idLookup").asBoolean(false),
              lookup(field),
              field.path("caseSensitive").asBoolean(false)));
    }
    return ObjectDescription.of(root.path("name").asText(requested), fields);
  }

  private static LookupDescription lookup(JsonNode field) {
    if (!"reference".equalsIgnoreCase(field.path("type").asText(""))) {
      return null;
    }
    List<String> targets = new ArrayList<>();
    field.path("referenceTo").forEach(t -> targets.add(t.asText()));
    JsonNode name = field.path("relationshipName");
    return new LookupDescription(
        targets,
        name.isTextual() ? name.asText() : null,
        field.path("polymorphicForeignKey").asBoolean(targets.size() > 1));
  }

  private static okhttp3.HttpUrl sobjectUrl(okhttp3.HttpUrl root, String object) {
    return root.newBuilder()
        .addPathSegment("sobjects")
        .addPathSegment(object)
        .addPathSegment("describe")
        .build();
  }
}
