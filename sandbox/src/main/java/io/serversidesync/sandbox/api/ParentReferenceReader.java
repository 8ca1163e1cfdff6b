package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.write.ParentReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the value under a relationship name: a nested sObject with the parent's key field and,
 * optionally, {@code attributes.type} ({@code "Who": {"attributes": {"type": "Contact"},
 * "Customer_Ref__c": "C-1"}}). Anything else is kept as written; the write decides what is wrong
 * with it.
 */
final class ParentReferenceReader {
  private ParentReferenceReader() {}

  static ParentReference read(FieldDef lookup, JsonNode node) {
    if (node == null || !node.isObject()) {
      return ParentReference.scalar(lookup);
    }
    Optional<String> type = Optional.empty();
    List<String> keyFields = new ArrayList<>();
    String keyText = null;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equals("attributes")) {
        JsonNode t = e.getValue().path("type");
        type = t.isTextual() ? Optional.of(t.asText()) : Optional.empty();
        continue;
      }
      keyFields.add(e.getKey());
      JsonNode v = e.getValue();
      // Numbers keep their JSON text (123, 12.50); the parent's field type reads it.
      keyText = v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }
    return ParentReference.nested(lookup, type, keyFields, keyText);
  }
}
