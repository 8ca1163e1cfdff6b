package io.serversidesync.sandbox.auth;

import io.serversidesync.sandbox.store.SandboxClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks access tokens. A session expires after the timeout without use, as Salesforce
 * sessions do; time is the sandbox clock, so tests expire tokens by advancing it.
 */
public final class TokenService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SandboxClock clock;
  private final OrgIdentity org;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private volatile Duration timeout;

  public TokenService(SandboxClock clock, OrgIdentity org, Duration timeout) {
    this.clock = clock;
    this.org = org;
    this.timeout = timeout;
  }

  /** A new token that looks like Salesforce's: the org id, '!', then opaque characters. */
  public String issue(String username, String grantType) {
    byte[] bytes = new byte[72];
    RANDOM.nextBytes(bytes);
    String token =
        org.orgId().substring(0, 15)
            + "!AQ"
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(bytes)
                .replace('-', '.')
                .replace('_', '.');
    sessions.put(token, new Session(username, grantType, clock.now()));
    return token;
  }

  /** The username of a live session, renewing its idle timer; empty when invalid or expired. */
  public Optional<String> validate(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session s = sessions.get(token);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.now();
    if (Duration.between(s.lastUsed, now).compareTo(timeout) > 0) {
      sessions.remove(token);
      return Optional.empty();
    }
    s.lastUsed = now;
    return Optional.of(s.username);
  }

  /** Invalidates every access token issued so far. */
  public void revokeAll() {
    sessions.clear();
  }

  public int liveSessions() {
    return sessions.size();
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }
}
