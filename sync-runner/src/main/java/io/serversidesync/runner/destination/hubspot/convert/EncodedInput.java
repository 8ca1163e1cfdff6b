package io.serversidesync.runner.destination.hubspot.convert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One batch input, ready to send.
 *
 * @param index the record's place in the batch
 * @param id the unique property's value: the customer-managed identifier
 * @param properties property name to the value HubSpot takes ("" clears a property)
 */
public record EncodedInput(int index, String id, Map<String, String> properties) {

  public EncodedInput {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }
}
