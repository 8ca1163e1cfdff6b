package io.serversidesync.runner.convert;

/** A column value that has no faithful typed form for the destination (NaN, infinity, BC dates). */
public class UnconvertibleValueException extends Exception {

  public UnconvertibleValueException(String message) {
    super(message);
  }

  public UnconvertibleValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
