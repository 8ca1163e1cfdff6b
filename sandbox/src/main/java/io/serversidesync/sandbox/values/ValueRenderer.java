package io.serversidesync.sandbox.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Renders stored values the way Salesforce's REST API and Bulk result CSVs show them. */
public final class ValueRenderer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ValueRenderer() {}

  public static JsonNode toJson(FieldDef field, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof BigDecimal d) {
      // Salesforce serialises doubles and currencies as Java doubles (1.5E7, 12.0).
      return field.type() == FieldType.INT
          ? NODES.numberNode(d.longValueExact())
          : NODES.numberNode(d.doubleValue());
    }
    if (value instanceof LocalDate d) {
      return NODES.textNode(SalesforceFormats.date(d));
    }
    if (value instanceof Instant i) {
      return NODES.textNode(SalesforceFormats.datetime(i));
    }
    return NODES.textNode(value.toString());
  }

  /** Text form for CSV results and for messages; null is the empty string. */
  public static String toText(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof LocalDate d) {
      return SalesforceFormats.date(d);
    }
    if (value instanceof Instant i) {
      return SalesforceFormats.datetime(i);
    }
    return value.toString();
  }
}
