package io.serversidesync.sandbox.write;

import io.serversidesync.sandbox.schema.FieldDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The field values of one incoming record, converted to their types (a null value sets the field to
 * null), the lookups it sets by a parent's external id, or the error reading it or resolving its
 * parents met (such errors fail the record, not the request).
 *
 * @param values field to value
 * @param parents lookup field to the parent the request named by external id; empty once resolved
 * @param conversionError why the record cannot be written
 */
public record RecordInput(
    Map<FieldDef, Object> values,
    Map<FieldDef, ParentReference> parents,
    Optional<RecordError> conversionError) {
  public RecordInput {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    parents = Collections.unmodifiableMap(new LinkedHashMap<>(parents));
  }

  public static RecordInput of(Map<FieldDef, Object> values) {
    return new RecordInput(values, Map.of(), Optional.empty());
  }

  public static RecordInput of(
      Map<FieldDef, Object> values, Map<FieldDef, ParentReference> parents) {
    return new RecordInput(values, parents, Optional.empty());
  }

  public static RecordInput failed(RecordError error) {
    return new RecordInput(Map.of(), Map.of(), Optional.of(error));
  }

  public boolean has(FieldDef field) {
    return values.containsKey(field);
  }

  public Object value(FieldDef field) {
    return values.get(field);
  }

  /** The same record without one field (an update by Id takes the Id out of the values). */
  public RecordInput without(FieldDef field) {
    Map<FieldDef, Object> rest = new LinkedHashMap<>(values);
    rest.remove(field);
    return new RecordInput(rest, parents, conversionError);
  }
}
