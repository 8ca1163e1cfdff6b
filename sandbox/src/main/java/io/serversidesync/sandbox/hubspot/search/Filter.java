package io.serversidesync.sandbox.hubspot.search;

import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import java.util.List;

/**
 * One filter with its values already converted to comparable keys.
 *
 * @param property the filtered property
 * @param operator the operator
 * @param keys one key (comparisons), several (IN) or none (HAS_PROPERTY, NOT_HAS_PROPERTY)
 */
record Filter(PropertyDef property, Operator operator, List<Comparable<?>> keys) {

  Filter {
    keys = List.copyOf(keys);
  }

  boolean matches(HubSpotRecord r) {
    String stored = r.value(property.name());
    if (operator == Operator.HAS_PROPERTY) {
      return stored != null;
    }
    if (operator == Operator.NOT_HAS_PROPERTY) {
      return stored == null;
    }
    Comparable<?> key = ComparableValues.storedKey(property, stored);
    if (key == null) {
      return operator == Operator.NEQ;
    }
    if (operator == Operator.IN) {
      return keys.stream().anyMatch(k -> ComparableValues.compare(key, k) == 0);
    }
    int c = ComparableValues.compare(key, keys.get(0));
    return switch (operator) {
      case EQ -> c == 0;
      case NEQ -> c != 0;
      case LT -> c < 0;
      case LTE -> c <= 0;
      case GT -> c > 0;
      case GTE -> c >= 0;
      default -> throw new IllegalStateException(operator.name());
    };
  }
}
