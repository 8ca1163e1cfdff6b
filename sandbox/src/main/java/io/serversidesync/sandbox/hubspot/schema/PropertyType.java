package io.serversidesync.sandbox.hubspot.schema;

import java.util.Locale;

/** A HubSpot property type, with the {@code fieldType} the properties API shows for it. */
public enum PropertyType {
  STRING("text"),
  NUMBER("number"),
  DATE("date"),
  DATETIME("date"),
  BOOL("booleancheckbox"),
  ENUMERATION("select");

  private final String fieldType;

  PropertyType(String fieldType) {
    this.fieldType = fieldType;
  }

  /** The {@code type} on the wire: {@code string}, {@code number}, {@code datetime}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String fieldType() {
    return fieldType;
  }
}
