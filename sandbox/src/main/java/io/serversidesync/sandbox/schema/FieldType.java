package io.serversidesync.sandbox.schema;

import java.util.Locale;

/** The field types the sandbox understands, named as Salesforce's describe call names them. */
public enum FieldType {
  ID("id", "tns:ID"),
  STRING("string", "xsd:string"),
  TEXTAREA("textarea", "xsd:string"),
  EMAIL("email", "xsd:string"),
  PHONE("phone", "xsd:string"),
  URL("url", "xsd:string"),
  PICKLIST("picklist", "xsd:string"),
  BOOLEAN("boolean", "xsd:boolean"),
  INT("int", "xsd:int"),
  DOUBLE("double", "xsd:double"),
  CURRENCY("currency", "xsd:double"),
  PERCENT("percent", "xsd:double"),
  DATE("date", "xsd:date"),
  DATETIME("datetime", "xsd:dateTime"),
  REFERENCE("reference", "tns:ID");

  private final String describeName;
  private final String soapType;

  FieldType(String describeName, String soapType) {
    this.describeName = describeName;
    this.soapType = soapType;
  }

  public String describeName() {
    return describeName;
  }

  public String soapType() {
    return soapType;
  }

  /** Text-valued types: they have a length and are compared as text. */
  public boolean isText() {
    return switch (this) {
      case STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST -> true;
      default -> false;
    };
  }

  /** Number-valued types: they have a precision and a scale. */
  public boolean isNumber() {
    return this == INT || this == DOUBLE || this == CURRENCY || this == PERCENT;
  }

  /** Id-valued types: 15 or 18 character Salesforce ids. */
  public boolean isId() {
    return this == ID || this == REFERENCE;
  }

  /**
   * Reads a type name from an objects.yaml declaration. Besides the describe names it accepts
   * {@code text} for string, {@code number} for double, {@code checkbox} for boolean and {@code
   * lookup} for reference.
   */
  public static FieldType parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (FieldType t : values()) {
      if (t.describeName.equals(n)) {
        return t;
      }
    }
    return switch (n) {
      case "text" -> STRING;
      case "number" -> DOUBLE;
      case "integer" -> INT;
      case "checkbox" -> BOOLEAN;
      case "lookup" -> REFERENCE;
      default ->
          throw new IllegalArgumentException(
              "unknown field type '"
                  + name
                  + "': use one of string, textarea, email, phone, url, picklist, boolean, int,"
                  + " double, currency, percent, date, datetime, reference");
    };
  }
}
