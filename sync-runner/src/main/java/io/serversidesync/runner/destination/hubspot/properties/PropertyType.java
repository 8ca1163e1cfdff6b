package io.serversidesync.runner.destination.hubspot.properties;

import java.util.Locale;

/** HubSpot's property types ({@code type} of the properties API). */
public enum PropertyType {
  STRING,
  NUMBER,
  /** A calendar date: sent as midnight UTC in epoch milliseconds, read back as YYYY-MM-DD. */
  DATE,
  /** An instant: sent as epoch milliseconds, read back as ISO 8601. */
  DATETIME,
  BOOL,
  /** One of the property's options (several, separated by ';', for multi-select). */
  ENUMERATION,
  /** Phone numbers and other types this runner sends as text. */
  OTHER;

  /** The type of a properties API {@code type} value. */
  public static PropertyType of(String type) {
    return switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
      case "string" -> STRING;
      case "number" -> NUMBER;
      case "date" -> DATE;
      case "datetime" -> DATETIME;
      case "bool" -> BOOL;
      case "enumeration" -> ENUMERATION;
      default -> OTHER;
    };
  }
}
