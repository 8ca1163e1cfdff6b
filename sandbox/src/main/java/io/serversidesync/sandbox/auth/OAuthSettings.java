package io.serversidesync.sandbox.auth;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The connected app and the session settings of the sandbox org.
 *
 * @param clientId consumer key
 * @param clientSecret consumer secret
 * @param jwtPublicKey key that verifies JWT bearer assertions (empty: JWT bearer disabled)
 * @param jwtAudiences accepted {@code aud} values
 * @param jwtUsernames accepted {@code sub} values (empty: any username)
 * @param refreshTokens refresh tokens the org recognises
 * @param rotateRefreshTokens return a new refresh token on each refresh and invalidate the old
 * @param sessionTimeout an access token expires after this long without use
 */
public record OAuthSettings(
    String clientId,
    String clientSecret,
    Optional<RSAPublicKey> jwtPublicKey,
    List<String> jwtAudiences,
    Set<String> jwtUsernames,
    Set<String> refreshTokens,
    boolean rotateRefreshTokens,
    Duration sessionTimeout) {

  public static final List<String> DEFAULT_AUDIENCES =
      List.of("https://login.salesforce.com", "https://test.salesforce.com");

  public OAuthSettings {
    jwtAudiences = List.copyOf(jwtAudiences);
    jwtUsernames = Set.copyOf(jwtUsernames);
    refreshTokens = Set.copyOf(refreshTokens);
  }
}
