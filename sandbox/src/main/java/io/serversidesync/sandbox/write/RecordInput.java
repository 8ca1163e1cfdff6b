package io.serversidesync.sandbox.write;

import io.serversidesync.sandbox.schema.FieldDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The field values of one incoming record, converted to their types (a null value sets the field to
 * null), or the error its conversion met (CSV input reports bad values per record).
 */
public record RecordInput(Map<FieldDef, Object> values, Optional<RecordError> conversionError) {
  public RecordInput {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static RecordInput of(Map<FieldDef, Object> values) {
    return new RecordInput(values, Optional.empty());
  }

  public static RecordInput failed(RecordError error) {
    return new RecordInput(Map.of(), Optional.of(error));
  }

  public boolean has(FieldDef field) {
    return values.containsKey(field);
  }

  public Object value(FieldDef field) {
    return values.get(field);
  }
}
