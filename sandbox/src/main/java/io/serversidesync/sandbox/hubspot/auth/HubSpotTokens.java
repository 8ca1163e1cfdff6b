package io.serversidesync.sandbox.hubspot.auth;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one private-app token the sandbox accepts and its scopes. Revoking makes it invalid until a
 * new token is set (or the sandbox is reset). Thread-safe.
 */
public final class HubSpotTokens {
  private String token;
  private Set<String> scopes;
  private boolean revoked;

  public HubSpotTokens(String token, Set<String> scopes) {
    set(token, scopes);
  }

  /** Whether an {@code Authorization} header value carries the valid token. */
  public synchronized boolean accepts(String authorization) {
    if (revoked || authorization == null) {
      return false;
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return authorization.substring(7).trim().equals(token);
  }

  public synchronized boolean hasScope(String scope) {
    return scopes.contains(scope);
  }

  /** Accepts {@code newToken} (and no other) with exactly {@code newScopes}. */
  public synchronized void set(String newToken, Set<String> newScopes) {
    if (newToken == null || newToken.isBlank()) {
      throw new IllegalArgumentException("the HubSpot token must not be empty");
    }
    this.token = newToken;
    this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(newScopes));
    this.revoked = false;
  }

  /** The token stops working (as when the app is uninstalled or the token rotated). */
  public synchronized void revoke() {
    revoked = true;
  }

  public synchronized String token() {
    return token;
  }

  public synchronized Set<String> scopes() {
    return scopes;
  }

  public synchronized boolean revoked() {
    return revoked;
  }
}
