package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.values.IncomingValues;
import io.serversidesync.sandbox.values.ValueMismatchException;
import io.serversidesync.sandbox.write.ParentReference;
import io.serversidesync.sandbox.write.RecordInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads record JSON the way Salesforce's deserializer does: unknown fields are INVALID_FIELD,
 * values that do not fit the field type are JSON_PARSER_ERROR with the line and column, both
 * failing the whole request. A key that is a lookup's relationship name sets the lookup by the
 * parent's external id; its mistakes fail only the record, when it is written.
 */
final class RecordBodyReader {
  /** A collection request: allOrNone and the records with their declared types. */
  record CollectionBody(boolean allOrNone, List<RecordInput> records, List<String> types) {}

  private RecordBodyReader() {}

  static CollectionBody readCollection(byte[] body, ObjectDef object) throws ApiException {
    try (JsonParser p = Json.MAPPER.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw parserError(
            "Expected a JSON object with 'allOrNone' and 'records'", p.currentTokenLocation());
      }
      boolean allOrNone = false;
      List<RecordInput> records = null;
      List<String> types = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("allOrNone")) {
          if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
            throw parserError(
                "Cannot deserialize instance of boolean from " + value + " value " + p.getText(),
                p.currentTokenLocation());
          }
          allOrNone = value == JsonToken.VALUE_TRUE;
        } else if (name.equals("records")) {
          if (value != JsonToken.START_ARRAY) {
            throw parserError(
                "Cannot deserialize instance of List from " + value + " value " + p.getText(),
                p.currentTokenLocation());
          }
          records = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
              throw parserError(
                  "Cannot deserialize instance of SObject from " + p.currentToken(),
                  p.currentTokenLocation());
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            records.add(readFields(p, object, attributes));
            types.add(attributes.get("type"));
          }
        } else {
          throw parserError(
              "Unexpected parameter encountered during deserialization: " + name,
              p.currentTokenLocation());
        }
      }
      if (records == null) {
        throw new ApiException(
            400, "INVALID_FIELD", "The request body has no 'records' list of sObjects");
      }
      return new CollectionBody(allOrNone, records, types);
    } catch (JsonProcessingException e) {
      throw parserError(e.getOriginalMessage(), e.getLocation());
    } catch (IOException e) {
      throw new ApiException(
          400, "JSON_PARSER_ERROR", "Cannot read the request body: " + e.getMessage());
    }
  }

  /** A single record's fields; {@code attributes} is allowed and ignored. */
  static RecordInput readSingle(byte[] body, ObjectDef object) throws ApiException {
    try (JsonParser p = Json.MAPPER.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw parserError(
            "Cannot deserialize instance of SObject from " + p.currentToken(),
            p.currentTokenLocation());
      }
      RecordInput in = readFields(p, object, new LinkedHashMap<>());
      if (p.nextToken() != null) {
        throw parserError("Unexpected content after the record", p.currentTokenLocation());
      }
      return in;
    } catch (JsonProcessingException e) {
      throw parserError(e.getOriginalMessage(), e.getLocation());
    } catch (IOException e) {
      throw new ApiException(
          400, "JSON_PARSER_ERROR", "Cannot read the request body: " + e.getMessage());
    }
  }

  private static RecordInput readFields(
      JsonParser p, ObjectDef object, Map<String, String> attributes)
      throws IOException, ApiException {
    Map<FieldDef, Object> values = new LinkedHashMap<>();
    Map<FieldDef, ParentReference> parents = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      JsonLocation at = p.currentTokenLocation();
      JsonNode node = p.readValueAsTree();
      if (name.equals("attributes")) {
        if (node != null && node.isObject()) {
          node.properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        }
        continue;
      }
      Optional<FieldDef> declared = object.field(name);
      if (declared.isEmpty()) {
        Optional<FieldDef> lookup = object.relationship(name);
        if (lookup.isEmpty()) {
          throw new ApiException(
              400,
              "INVALID_FIELD",
              "No such column '" + name + "' on sobject of type " + object.name());
        }
        parents.put(lookup.get(), ParentReferenceReader.read(lookup.get(), node));
        continue;
      }
      FieldDef field = declared.get();
      try {
        values.put(field, IncomingValues.fromJson(field, node));
      } catch (ValueMismatchException e) {
        throw parserError(
            "Cannot deserialize instance of "
                + e.targetType()
                + " from "
                + e.token()
                + " value "
                + e.value()
                + " or request may be missing a required field",
            at);
      }
    }
    return RecordInput.of(values, parents);
  }

  private static ApiException parserError(String message, JsonLocation at) {
    String where =
        at == null ? "" : " at [line:" + at.getLineNr() + ", column:" + at.getColumnNr() + "]";
    return new ApiException(400, "JSON_PARSER_ERROR", message + where);
  }
}
