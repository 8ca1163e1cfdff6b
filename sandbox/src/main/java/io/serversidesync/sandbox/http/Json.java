package io.serversidesync.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The one JSON mapper and Salesforce's error body shapes. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** {@code [{"message":…,"errorCode":…,"fields":[…]}]}: the request-level error array. */
  public static ArrayNode errorArray(String errorCode, String message, List<String> fields) {
    ObjectNode e = object();
    e.put("message", message);
    e.put("errorCode", errorCode);
    if (fields != null) {
      ArrayNode f = e.putArray("fields");
      fields.forEach(f::add);
    }
    ArrayNode a = array();
    a.add(e);
    return a;
  }
}
