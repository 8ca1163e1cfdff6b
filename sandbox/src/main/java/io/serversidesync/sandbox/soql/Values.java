package io.serversidesync.sandbox.soql;

import io.serversidesync.sandbox.schema.FieldDef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** SOQL's comparison rules: text is compared case-insensitively, ids exactly. */
final class Values {
  private Values() {}

  @SuppressWarnings("unchecked")
  static int compare(FieldDef field, Object a, Object b) {
    if (field.type().isText()) {
      return String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
    }
    if (a instanceof String sa && b instanceof String sb) {
      return sa.compareTo(sb);
    }
    if (a instanceof BigDecimal da && b instanceof BigDecimal db) {
      return da.compareTo(db);
    }
    if (a instanceof Instant ia && b instanceof Instant ib) {
      return ia.compareTo(ib);
    }
    if (a instanceof LocalDate la && b instanceof LocalDate lb) {
      return la.compareTo(lb);
    }
    return ((Comparable<Object>) a).compareTo(b);
  }
}
