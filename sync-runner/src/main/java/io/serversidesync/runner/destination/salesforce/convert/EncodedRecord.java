package io.serversidesync.runner.destination.salesforce.convert;

import io.serversidesync.runner.destination.FieldValues;
import java.util.Map;

/**
 * A record ready to send: every value converted to its field's wire form.
 *
 * @param index position of the record in the batch the runner gave
 * @param externalId the record's external id
 * @param fields field API name to wire value ({@code null}, String, Boolean, Long, BigDecimal),
 *     external-id field first; a lookup set by the parent's external id is a {@code ParentValue}
 *     under its relationship name, a cleared one a {@code ClearedLookup} under its field name
 */
public record EncodedRecord(int index, String externalId, Map<String, Object> fields) {

  public EncodedRecord {
    fields = FieldValues.copyOf(fields);
  }
}
