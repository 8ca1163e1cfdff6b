package io.serversidesync.runner.destination.salesforce.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * One error as Salesforce reports it: request-level ({@code errorCode}), record-level ({@code
 * statusCode}) or OAuth ({@code error}, {@code error_description}).
 *
 * @param code the error code, e.g. STRING_TOO_LONG or invalid_client
 * @param message the human text, possibly empty
 * @param fields the fields blamed, possibly empty
 */
public record SalesforceError(String code, String message, List<String> fields) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SalesforceError {
    code = code == null ? "" : code;
    message = message == null ? "" : message;
    fields = List.copyOf(fields);
  }

  /** "CODE: message" for logs and conditions. */
  public String describe() {
    return message.isEmpty() ? code : code + ": " + message;
  }

  /**
   * Reads the errors of a body tolerantly: a JSON array of errors, a single error object, or
   * anything else (HTML from a proxy, empty) as no errors.
   */
  public static List<SalesforceError> parseAll(String body) {
    if (body == null || body.isBlank()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return List.of();
    }
    List<SalesforceError> errors = new ArrayList<>();
    if (root != null && root.isArray()) {
      for (JsonNode node : root) {
        SalesforceError error = of(node);
        if (error != null) {
          errors.add(error);
        }
      }
    } else if (root != null && root.isObject()) {
      SalesforceError error = of(root);
      if (error != null) {
        errors.add(error);
      }
    }
    return errors;
  }

  /** Reads one error object; null when it has no code. */
  public static SalesforceError of(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    String code = text(node, "errorCode");
    if (code == null) {
      code = text(node, "statusCode");
    }
    String message = text(node, "message");
    if (code == null) {
      code = text(node, "error");
      if (message == null) {
        message = text(node, "error_description");
      }
    }
    if (code == null) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    JsonNode fieldsNode = node.get("fields");
    if (fieldsNode != null && fieldsNode.isArray()) {
      fieldsNode.forEach(f -> fields.add(f.asText()));
    }
    return new SalesforceError(code, message, fields);
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }
}
