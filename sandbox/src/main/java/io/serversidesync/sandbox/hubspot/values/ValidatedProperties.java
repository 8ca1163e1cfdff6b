package io.serversidesync.sandbox.hubspot.values;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking one input's properties.
 *
 * @param values the stored forms by property name (a null value clears the property)
 * @param problems the refused values; when not empty, nothing of the input may be written
 */
public record ValidatedProperties(Map<String, String> values, List<InvalidValue> problems) {

  public ValidatedProperties {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
