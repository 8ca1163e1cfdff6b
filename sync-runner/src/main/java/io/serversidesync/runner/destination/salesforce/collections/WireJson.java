package io.serversidesync.runner.destination.salesforce.collections;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;

/** Writes wire values (see ValueConverter) as JSON. */
final class WireJson {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .build();

  private WireJson() {}

  static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
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
