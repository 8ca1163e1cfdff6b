package io.serversidesync.runner.destination.salesforce.convert;

import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.describe.ObjectDescription;
import io.serversidesync.runner.destination.salesforce.parent.ClearedLookup;
import io.serversidesync.runner.destination.salesforce.parent.ParentField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a record's values for the described object. A value its field cannot take makes the
 * record a {@link RecordOutcome.Permanent} (code {@value #CODE}) with the reason, and the record
 * stays out of the request.
 */
public final class RecordEncoder {

  /** The code of a record refused before sending because a value does not fit its field. */
  public static final String CODE = "VALUE_NOT_CONVERTIBLE";

  private final ObjectDescription object;
  private final String externalIdField;
  private final Map<String, ParentField> parents;

  /**
   * @param parents the lookups set by the parent's external id, by lower-case field name
   */
  public RecordEncoder(
      ObjectDescription object, String externalIdField, Map<String, ParentField> parents) {
    this.object = object;
    this.externalIdField = externalIdField;
    this.parents = Map.copyOf(parents);
  }

  /** The result of encoding one record: exactly one of the two is set. */
  public record Result(EncodedRecord record, RecordOutcome.Permanent refused) {}

  public Result encode(int index, DestinationRecord record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    FieldDescription keyField = object.fieldOrUnknown(externalIdField);
    Object key = record.externalId();
    for (Map.Entry<String, Object> entry : record.fields().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(externalIdField) && entry.getValue() != null) {
        key = entry.getValue();
      }
    }
    try {
      fields.put(externalIdField, SalesforceWireValues.convert(keyField, key));
      for (Map.Entry<String, Object> entry : record.fields().entrySet()) {
        String name = entry.getKey();
        if (name.equalsIgnoreCase(externalIdField)) {
          continue;
        }
        ParentField parent = parents.get(name.toLowerCase(Locale.ROOT));
        if (parent == null) {
          fields.put(
              name, SalesforceWireValues.convert(object.fieldOrUnknown(name), entry.getValue()));
        } else {
          Object parentKey =
              entry.getValue() == null
                  ? null
                  : SalesforceWireValues.convert(parent.parentKey(), entry.getValue());
          // empty text names no parent: Salesforce keeps empty text as null
          if (parentKey == null || "".equals(parentKey)) {
            fields.put(parent.field(), new ClearedLookup(parent));
          } else {
            fields.put(parent.relationshipName(), parent.value(parentKey));
          }
        }
      }
    } catch (UnconvertibleValueException e) {
      return new Result(
          null, new RecordOutcome.Permanent(CODE, e.getMessage(), List.of(e.field())));
    }
    return new Result(new EncodedRecord(index, record.externalId(), fields), null);
  }

  /** The value of the external-id field as it goes on the wire (as text), for lookups. */
  public String externalIdText(EncodedRecord record) {
    Object value = record.fields().get(externalIdField);
    return value == null ? record.externalId() : SalesforceWireValues.text(value);
  }

  public String externalIdField() {
    return externalIdField;
  }

  public ObjectDescription object() {
    return object;
  }
}
