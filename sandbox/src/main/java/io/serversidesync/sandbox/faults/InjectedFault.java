package io.serversidesync.sandbox.faults;

/** A fault answered instead of a data API call. */
public enum InjectedFault {
  /** 503 with an HTML maintenance page, as Salesforce's edge sends. */
  SERVICE_UNAVAILABLE_HTML,
  /** 503 {@code SERVER_UNAVAILABLE} "Server too busy". */
  SERVICE_UNAVAILABLE_JSON,
  /** 500 {@code UNKNOWN_EXCEPTION}. */
  INTERNAL_ERROR,
  /** 429 with Retry-After. */
  RATE_LIMITED
}
