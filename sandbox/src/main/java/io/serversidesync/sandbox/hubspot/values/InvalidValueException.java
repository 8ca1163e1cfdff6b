package io.serversidesync.sandbox.hubspot.values;

/** A value its property's type refuses. */
public final class InvalidValueException extends Exception {
  private final transient InvalidValue invalid;

  public InvalidValueException(InvalidValue invalid) {
    super(invalid.name() + ": " + invalid.message());
    this.invalid = invalid;
  }

  public InvalidValue invalid() {
    return invalid;
  }
}
