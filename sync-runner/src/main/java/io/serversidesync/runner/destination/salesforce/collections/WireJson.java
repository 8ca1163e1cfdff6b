package io.serversidesync.runner.destination.salesforce.collections;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.serversidesync.runner.destination.salesforce.parent.ClearedLookup;
import io.serversidesync.runner.destination.salesforce.parent.ParentValue;
import java.io.IOException;
import java.math.BigDecimal;

/** Writes wire values (see SalesforceWireValues) as JSON. */
final class WireJson {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .build();

  private WireJson() {}

  static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null || value instanceof ClearedLookup) {
      json.writeNull();
    } else if (value instanceof ParentValue parent) {
      json.writeStartObject();
      if (parent.field().polymorphic()) {
        // the type picks which of the lookup's objects the key belongs to
        json.writeObjectFieldStart("attributes");
        json.writeStringField("type", parent.field().parentObject());
        json.writeEndObject();
      }
      json.writeFieldName(parent.field().parentKey().name());
      write(json, parent.key());
      json.writeEndObject();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof BigDecimal d) {
      json.writeNumber(d);
    } else {
      throw new IllegalArgumentException("not a wire value: " + value.getClass());
    }
  }
}
