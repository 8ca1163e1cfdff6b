package io.serversidesync.runner.destination.hubspot.convert;

import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.hubspot.properties.HubSpotProperty;
import io.serversidesync.runner.destination.hubspot.properties.ObjectProperties;
import io.serversidesync.runner.destination.hubspot.properties.PropertyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record into a batch input: the identifier as the input's {@code id}, the other fields as
 * properties converted by type. A value that cannot convert refuses the record, not the batch.
 */
public final class InputEncoder {

  private final ObjectProperties properties;
  private final String uniqueProperty;

  public InputEncoder(ObjectProperties properties, String uniqueProperty) {
    this.properties = properties;
    this.uniqueProperty = uniqueProperty;
  }

  /** The input, or the outcome that refuses the record. */
  public sealed interface Result {}

  /** The record as an input. */
  public record Ready(EncodedInput input) implements Result {}

  /** The record cannot be sent. */
  public record Refused(RecordOutcome.Permanent outcome) implements Result {}

  public Result encode(int index, DestinationRecord record) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, Object> field : record.fields().entrySet()) {
      if (field.getKey().equals(uniqueProperty)) {
        continue; // the input's id carries it
      }
      HubSpotProperty property =
          properties
              .property(field.getKey())
              .orElseGet(
                  () ->
                      new HubSpotProperty(
                          field.getKey(), PropertyType.OTHER, "", false, false, List.of()));
      PropertyValues.Encoded encoded = PropertyValues.encode(property, field.getValue());
      if (encoded instanceof PropertyValues.Refused r) {
        return new Refused(
            new RecordOutcome.Permanent(
                r.refusal().code(), r.refusal().message(), List.of(field.getKey())));
      }
      values.put(field.getKey(), ((PropertyValues.Value) encoded).text());
    }
    return new Ready(new EncodedInput(index, record.externalId(), values));
  }
}
