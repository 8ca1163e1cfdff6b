package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.faults.RateLimitPolicy;
import io.serversidesync.sandbox.http.Json;
import java.util.Locale;
import java.util.UUID;

/** HubSpot's error bodies: {@code {"status":"error","message",…,"correlationId","category"}}. */
public final class HubSpotErrors {
  static final String UNAUTHENTICATED =
      "Authentication credentials not found. This API supports OAuth 2.0 authentication and you"
          + " can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";
  static final String MISSING_SCOPES =
      "This app hasn't been granted all required scopes to make this call. Read more about required"
          + " scopes here: https://developers.hubspot.com/scopes.";

  private HubSpotErrors() {}

  public static HubSpotException error(int status, String category, String message) {
    ObjectNode b = Json.object();
    b.put("status", "error");
    b.put("message", message);
    b.put("correlationId", UUID.randomUUID().toString());
    b.put("category", category);
    return new HubSpotException(status, b);
  }

  public static HubSpotException validation(String message) {
    return error(400, "VALIDATION_ERROR", message);
  }

  public static HubSpotException unauthenticated() {
    return error(401, "INVALID_AUTHENTICATION", UNAUTHENTICATED);
  }

  /** 403 naming the one scope the call needs. */
  public static HubSpotException missingScope(String scope) {
    HubSpotException e = error(403, "MISSING_SCOPES", MISSING_SCOPES);
    ObjectNode detail = Json.object();
    detail.put("message", "One or more of the following scopes are required.");
    detail.putObject("context").putArray("requiredGranularScopes").add(scope);
    ArrayNode errors = Json.array().add(detail);
    // "category" stays last, as HubSpot orders it
    e.body().remove("category");
    e.body().set("errors", errors);
    e.body().put("category", "MISSING_SCOPES");
    return e;
  }

  public static HubSpotException unknownObjectType(String pathName) {
    return error(404, "OBJECT_NOT_FOUND", "Unable to infer object type from: " + pathName);
  }

  public static HubSpotException notFound() {
    return error(404, "OBJECT_NOT_FOUND", "Not Found");
  }

  /** 429 of the given policy; {@code appId} names the burst limit's group. */
  public static HubSpotException rateLimited(RateLimitPolicy policy, long appId) {
    ObjectNode b = Json.object();
    b.put("status", "error");
    b.put(
        "message",
        policy == RateLimitPolicy.DAILY
            ? "You have reached your daily limit."
            : "You have reached your " + policy.name().toLowerCase(Locale.ROOT) + " limit.");
    b.put("errorType", "RATE_LIMIT");
    b.put("correlationId", UUID.randomUUID().toString());
    b.put("policyName", policy.name());
    if (policy == RateLimitPolicy.DAILY) {
      b.put("requestId", UUID.randomUUID().toString());
    } else {
      b.put("groupName", "publicapi:pat:" + appId);
    }
    return new HubSpotException(429, b);
  }
}
