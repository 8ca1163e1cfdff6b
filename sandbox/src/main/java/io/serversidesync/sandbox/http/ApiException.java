package io.serversidesync.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A request-level failure answered with a status and Salesforce's error array. */
public final class ApiException extends Exception {
  private final int status;
  private final transient JsonNode body;
  private final Map<String, String> headers;

  public ApiException(int status, JsonNode body, Map<String, String> headers) {
    super(status + " " + body);
    this.status = status;
    this.body = body;
    this.headers = Map.copyOf(headers);
  }

  public ApiException(int status, String errorCode, String message) {
    this(status, Json.errorArray(errorCode, message, null), Map.of());
  }

  public ApiException(int status, String errorCode, String message, List<String> fields) {
    this(status, Json.errorArray(errorCode, message, fields), Map.of());
  }

  public int status() {
    return status;
  }

  public JsonNode body() {
    return body;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public static ApiException notFound() {
    return new ApiException(404, "NOT_FOUND", "The requested resource does not exist");
  }

  public static ApiException badRequest(String errorCode, String message) {
    return new ApiException(400, errorCode, message);
  }
}
