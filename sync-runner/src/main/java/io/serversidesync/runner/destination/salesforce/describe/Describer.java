package io.serversidesync.runner.destination.salesforce.describe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads {@code GET …/sobjects/{object}/describe} (one API call). */
public final class Describer {

  private static final ObjectMapper JSON = new ObjectMapper();

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

  static ObjectDescription parse(String body, String requested) throws DestinationException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedDescribe",
          "the describe of " + requested + " is not JSON",
          null,
          e);
    }
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
              lookup(field)));
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
