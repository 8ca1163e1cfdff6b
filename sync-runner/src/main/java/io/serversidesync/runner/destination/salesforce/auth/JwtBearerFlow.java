package io.serversidesync.runner.destination.salesforce.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Date;
import okhttp3.FormBody;

/**
 * JWT bearer: an assertion signed (RS256) with the private key whose certificate is uploaded to the
 * connected app; {@code iss} the consumer key, {@code sub} the username, {@code aud} the login host
 * (not the My Domain), {@code exp} three minutes ahead.
 */
final class JwtBearerFlow implements OAuthFlow {

  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  static final Duration LIFETIME = Duration.ofMinutes(3);

  private final SecretKeys keys;
  private final String audience;
  private final TimeSource time;

  JwtBearerFlow(SecretKeys keys, String audience, TimeSource time) {
    this.keys = keys;
    this.audience =
        audience.endsWith("/") ? audience.substring(0, audience.length() - 1) : audience;
    this.time = time;
  }

  @Override
  public FormBody tokenRequest() throws DestinationException {
    return new FormBody.Builder()
        .add("grant_type", GRANT_TYPE)
        .add("assertion", assertion())
        .build();
  }

  /** Signs a fresh assertion with the Secret's current key. */
  String assertion() throws DestinationException {
    PrivateKey key = privateKey();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(keys.required("clientId"))
            .subject(keys.required("username"))
            .audience(audience)
            .expirationTime(Date.from(time.now().plus(LIFETIME)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new DestinationException(
          Kind.CREDENTIALS,
          "PrivateKeyUnusable",
          "the privateKey in Secret "
              + keys.secretName()
              + " cannot sign the JWT assertion ("
              + e.getMessage()
              + "); use an RSA key of at least 2048 bits",
          null,
          e);
    }
    return jwt.serialize();
  }

  private PrivateKey privateKey() throws DestinationException {
    try {
      return PemPrivateKey.parse(keys.required("privateKey"));
    } catch (PemPrivateKey.UnreadableKeyException e) {
      throw new DestinationException(
          Kind.CREDENTIALS,
          "PrivateKeyUnreadable",
          "the privateKey in Secret "
              + keys.secretName()
              + " cannot be read: "
              + e.getMessage()
              + "; store the PEM of the RSA key whose certificate is uploaded to the connected app",
          null,
          e);
    }
  }

  @Override
  public String secretName() {
    return keys.secretName();
  }

  @Override
  public String keys() {
    return "clientId, username and privateKey";
  }
}
