package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** libpq's sslmode values that make sense for a server-side process. */
public enum SslMode {
  DISABLE("disable"),
  REQUIRE("require"),
  VERIFY_CA("verify-ca"),
  VERIFY_FULL("verify-full");

  private final String value;

  SslMode(String value) {
    this.value = value;
  }

  /** The value as written in the manifest and as PgJDBC's {@code sslmode} expects it. */
  @JsonValue
  public String value() {
    return value;
  }
}
