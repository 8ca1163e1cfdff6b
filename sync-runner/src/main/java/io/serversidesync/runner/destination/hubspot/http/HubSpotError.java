package io.serversidesync.runner.destination.hubspot.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HubSpot's error body, {@code {"status":"error","message":…,"category":…,"policyName":…}}. Every
 * field is optional (HubSpot's own advice), so each is empty text when absent.
 *
 * @param category e.g. VALIDATION_ERROR, INVALID_AUTHENTICATION, MISSING_SCOPES, RATE_LIMITS
 * @param message HubSpot's message
 * @param policyName on a 429, which limit: DAILY, SECONDLY, TEN_SECONDLY_ROLLING
 * @param requiredScopes on a 403 MISSING_SCOPES, the scopes one of which the call needs
 * @param correlationId HubSpot's id of the request, for its support
 */
public record HubSpotError(
    String category,
    String message,
    String policyName,
    List<String> requiredScopes,
    String correlationId) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public HubSpotError {
    requiredScopes = List.copyOf(requiredScopes);
  }

  /** The error of a body, or empty when the body is not a JSON object (an HTML gateway page). */
  public static Optional<HubSpotError> parse(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    List<String> scopes = new ArrayList<>();
    for (JsonNode detail : node.path("errors")) {
      for (JsonNode scope : detail.path("context").path("requiredGranularScopes")) {
        scopes.add(scope.asText());
      }
      for (JsonNode scope : detail.path("context").path("requiredScopes")) {
        scopes.add(scope.asText());
      }
    }
    return Optional.of(
        new HubSpotError(
            node.path("category").asText(""),
            node.path("message").asText(""),
            node.path("policyName").asText(""),
            scopes,
            node.path("correlationId").asText("")));
  }

  /** "CATEGORY: message" for the user, without the empty parts. */
  public String describe() {
    if (category.isEmpty()) {
      return message;
    }
    return message.isEmpty() ? category : category + ": " + message;
  }
}
