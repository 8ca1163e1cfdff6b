package io.serversidesync.sandbox.auth;

import java.time.Instant;

/** An issued access token's session. */
final class Session {
  final String username;
  final String grantType;
  volatile Instant lastUsed;

  Session(String username, String grantType, Instant issued) {
    this.username = username;
    this.grantType = grantType;
    this.lastUsed = issued;
  }
}
