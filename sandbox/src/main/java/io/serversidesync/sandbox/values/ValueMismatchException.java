package io.serversidesync.sandbox.values;

/** A value that cannot be converted to its field's type. */
public final class ValueMismatchException extends Exception {
  private final String targetType;
  private final String token;
  private final String value;

  public ValueMismatchException(String targetType, String token, String value) {
    super("cannot convert " + token + " value " + value + " to " + targetType);
    this.targetType = targetType;
    this.token = token;
    this.value = value;
  }

  /** The Java-ish type name Salesforce's deserializer reports (int, double, boolean, date, ...). */
  public String targetType() {
    return targetType;
  }

  /** The JSON token kind (VALUE_STRING, VALUE_NUMBER_INT, ...) or CSV for CSV input. */
  public String token() {
    return token;
  }

  public String value() {
    return value;
  }
}
