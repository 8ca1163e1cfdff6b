package io.serversidesync.sandbox.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.serversidesync.sandbox.store.SandboxClock;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token endpoint's grant types: client credentials, JWT bearer, refresh token. Answers with
 * Salesforce's success body or throws {@link OAuthException} with its error codes.
 */
public final class OAuthFlows {
  public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OAuthSettings settings;
  private final OrgIdentity org;
  private final TokenService tokens;
  private final SandboxClock clock;
  private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();

  public OAuthFlows(
      OAuthSettings settings, OrgIdentity org, TokenService tokens, SandboxClock clock) {
    this.settings = settings;
    this.org = org;
    this.tokens = tokens;
    this.clock = clock;
    this.refreshTokens.addAll(settings.refreshTokens());
  }

  /**
   * Handles one token request.
   *
   * @param form the form parameters
   * @param basicAuth client id and secret from an HTTP Basic header, if any
   * @param instanceUrl the sandbox's base URL, returned as instance_url
   */
  public ObjectNode token(
      Map<String, String> form, Optional<String[]> basicAuth, String instanceUrl)
      throws OAuthException {
    String grantType = form.getOrDefault("grant_type", "");
    return switch (grantType) {
      case "client_credentials" -> clientCredentials(form, basicAuth, instanceUrl);
      case JWT_BEARER -> jwtBearer(form, instanceUrl);
      case "refresh_token" -> refresh(form, basicAuth, instanceUrl);
      default -> throw OAuthException.unsupportedGrantType();
    };
  }

  /** Makes refresh tokens invalid (all of them), as revoking the app's access does. */
  public void revokeRefreshTokens() {
    refreshTokens.clear();
  }

  private ObjectNode clientCredentials(
      Map<String, String> form, Optional<String[]> basicAuth, String instanceUrl)
      throws OAuthException {
    String clientId = basicAuth.map(b -> b[0]).orElse(form.get("client_id"));
    String secret = basicAuth.map(b -> b[1]).orElse(form.get("client_secret"));
    if (clientId == null || !clientId.equals(settings.clientId())) {
      throw OAuthException.invalidClientId();
    }
    if (secret == null || !secret.equals(settings.clientSecret())) {
      throw OAuthException.invalidClient();
    }
    return success(tokens.issue(org.username(), "client_credentials"), instanceUrl, null, true);
  }

  private ObjectNode jwtBearer(Map<String, String> form, String instanceUrl) throws OAuthException {
    String assertion = form.get("assertion");
    if (assertion == null || assertion.isBlank()) {
      throw OAuthException.invalidAssertion();
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw OAuthException.invalidAssertion();
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw OAuthException.invalidAssertion();
    }
    if (claims.getIssuer() == null || !claims.getIssuer().equals(settings.clientId())) {
      throw OAuthException.invalidClientId();
    }
    if (settings.jwtPublicKey().isEmpty()) {
      // The connected app has no certificate uploaded: nothing can verify the assertion.
      throw OAuthException.invalidAssertion();
    }
    try {
      if (!jwt.verify(new RSASSAVerifier(settings.jwtPublicKey().get()))) {
        throw OAuthException.invalidAssertion();
      }
    } catch (JOSEException e) {
      throw OAuthException.invalidAssertion();
    }
    List<String> audiences = claims.getAudience();
    if (audiences == null || audiences.stream().noneMatch(settings.jwtAudiences()::contains)) {
      throw new OAuthException("invalid_grant", "Audience validation failed");
    }
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.toInstant().isAfter(clock.now())) {
      throw new OAuthException("invalid_grant", "expired authorization code");
    }
    String sub = claims.getSubject();
    if (sub == null
        || sub.isBlank()
        || (!settings.jwtUsernames().isEmpty() && !settings.jwtUsernames().contains(sub))) {
      throw new OAuthException("invalid_grant", "user hasn't approved this consumer");
    }
    // Observed: JWT bearer responses carry neither issued_at nor signature.
    return success(tokens.issue(sub, JWT_BEARER), instanceUrl, null, false);
  }

  private ObjectNode refresh(
      Map<String, String> form, Optional<String[]> basicAuth, String instanceUrl)
      throws OAuthException {
    String clientId = basicAuth.map(b -> b[0]).orElse(form.get("client_id"));
    String secret = basicAuth.map(b -> b[1]).orElse(form.get("client_secret"));
    if (clientId == null || !clientId.equals(settings.clientId())) {
      throw OAuthException.invalidClientId();
    }
    if (secret != null && !secret.equals(settings.clientSecret())) {
      throw OAuthException.invalidClient();
    }
    String refreshToken = form.get("refresh_token");
    if (refreshToken == null || !refreshTokens.contains(refreshToken)) {
      throw new OAuthException("invalid_grant", "expired access/refresh token");
    }
    String rotated = null;
    if (settings.rotateRefreshTokens()) {
      byte[] bytes = new byte[48];
      RANDOM.nextBytes(bytes);
      rotated =
          "5Aep"
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(bytes)
                  .replace('-', '.')
                  .replace('_', '.');
      refreshTokens.remove(refreshToken);
      refreshTokens.add(rotated);
    }
    return success(tokens.issue(org.username(), "refresh_token"), instanceUrl, rotated, true);
  }

  private ObjectNode success(
      String accessToken, String instanceUrl, String refreshToken, boolean signed) {
    String id = instanceUrl + "/id/" + org.orgId() + "/" + org.userId();
    String issuedAt = Long.toString(clock.now().toEpochMilli());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("access_token", accessToken);
    if (refreshToken != null) {
      body.put("refresh_token", refreshToken);
    }
    if (signed) {
      body.put("signature", signature(id + issuedAt));
    }
    body.put("scope", "api");
    body.put("instance_url", instanceUrl);
    body.put("id", id);
    body.put("token_type", "Bearer");
    if (signed) {
      body.put("issued_at", issuedAt);
    }
    return body;
  }

  private String signature(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              settings.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
