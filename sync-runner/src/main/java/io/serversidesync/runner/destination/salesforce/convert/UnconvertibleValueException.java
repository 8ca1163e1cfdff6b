package io.serversidesync.runner.destination.salesforce.convert;

/** A value the Salesforce field's type cannot take; the message says which and why. */
public final class UnconvertibleValueException extends Exception {

  private final String field;

  public UnconvertibleValueException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The API name of the field that cannot take the value. */
  public String field() {
    return field;
  }
}
