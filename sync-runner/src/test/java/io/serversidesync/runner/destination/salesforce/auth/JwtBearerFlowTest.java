package io.serversidesync.runner.destination.salesforce.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.ratelimit.ManualTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwtBearerFlowTest {

  private static KeyPair keys;
  private final ManualTime time = new ManualTime();
  private final Map<String, String> secret = new HashMap<>();

  @BeforeAll
  static void generateKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private JwtBearerFlow flow(String audience) {
    SecretLookup lookup =
        (name, key) -> {
          String value = secret.get(key);
          if (value == null) {
            throw new SecretLookup.MissingSecretException("no " + key);
          }
          return value;
        };
    return new JwtBearerFlow(new SecretKeys(lookup, "sf-jwt", "JwtBearer"), audience, time);
  }

  @Test
  void signsAnAssertionSalesforceAccepts() throws Exception {
    secret.put("clientId", "consumer-key");
    secret.put("username", "integration@acme.example");
    secret.put("privateKey", pem("PRIVATE KEY", keys.getPrivate().getEncoded()));

    FormBody form = flow("https://login.salesforce.com/").tokenRequest();
    assertThat(form.name(0)).isEqualTo("grant_type");
    assertThat(form.value(0)).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
    SignedJWT jwt = SignedJWT.parse(form.value(1));

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("consumer-key");
    assertThat(claims.getSubject()).isEqualTo("integration@acme.example");
    assertThat(claims.getAudience()).containsExactly("https://login.salesforce.com");
    assertThat(claims.getExpirationTime().toInstant())
        .isEqualTo(time.now().plusSeconds(180).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    // exp is in epoch seconds, as Salesforce requires.
    assertThat(jwt.getPayload().toJSONObject().get("exp"))
        .isEqualTo(time.now().getEpochSecond() + 180);
  }

  @Test
  void acceptsPkcs1KeysToo() throws Exception {
    byte[] pkcs8 = keys.getPrivate().getEncoded();
    // A 2048-bit PKCS#8 RSA key is a 26-byte header around the PKCS#1 key.
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    secret.put("clientId", "consumer-key");
    secret.put("username", "u");
    secret.put("privateKey", pem("RSA PRIVATE KEY", pkcs1));
    SignedJWT jwt = SignedJWT.parse(flow("https://test.salesforce.com").assertion());
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
  }

  @Test
  void anUnusableKeyIsACredentialsErrorThatDoesNotQuoteTheKey() {
    secret.put("clientId", "consumer-key");
    secret.put("username", "u");
    for (String bad :
        List.of(
            "not a pem at all",
            pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}),
            pem("CERTIFICATE", new byte[] {1, 2, 3}),
            pem("PRIVATE KEY", new byte[] {1, 2, 3}))) {
      secret.put("privateKey", bad);
      assertThatThrownBy(() -> flow("https://login.salesforce.com").tokenRequest())
          .isInstanceOfSatisfying(
              DestinationException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
                assertThat(e.getMessage())
                    .startsWith("the privateKey in Secret sf-jwt cannot be read:")
                    .doesNotContain("AQID");
              });
    }
  }

  @Test
  void aMissingUsernameIsNamed() {
    secret.put("clientId", "consumer-key");
    secret.put("privateKey", pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    assertThatThrownBy(() -> flow("https://login.salesforce.com").check())
        .hasMessage(
            "Secret sf-jwt has no value for key username, which the JwtBearer flow needs; add it"
                + " to the Secret");
  }
}
