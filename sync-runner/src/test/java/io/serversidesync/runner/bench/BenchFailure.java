package io.serversidesync.runner.bench;

/** The run is invalid (nothing or not everything was delivered): its figures would mislead. */
final class BenchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BenchFailure(String message) {
    super(message);
  }
}
