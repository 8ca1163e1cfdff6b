package io.serversidesync.runner.capture;

/** A pgoutput message the decoder cannot read: a protocol mismatch, never a data problem. */
public class PgOutputFormatException extends RuntimeException {

  public PgOutputFormatException(String message) {
    super(message);
  }
}
