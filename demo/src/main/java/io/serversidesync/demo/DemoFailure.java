package io.serversidesync.demo;

/** A demo step failed; the message says which and where to look. */
final class DemoFailure extends RuntimeException {
  DemoFailure(String message) {
    super(message);
  }
}
