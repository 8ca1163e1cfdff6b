package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.auth.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.FormBody;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class OAuthIT extends SandboxTestBase {
  static final KeyPair APP_KEY = rsa();
  static final KeyPair OTHER_KEY = rsa();

  @Override
  SandboxConfig.Builder config() {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(APP_KEY.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    return SandboxConfig.builder()
        .jwtPublicKey(PublicKeys.fromPem(pem))
        .jwtUsername("etl@acme.example")
        .refreshToken("5Aep-refresh-1")
        .sessionTimeout(Duration.ofMinutes(30));
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Client.Reply form(String... pairs) {
    FormBody.Builder b = new FormBody.Builder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.add(pairs[i], pairs[i + 1]);
    }
    return client.token(b.build(), null);
  }

  @Test
  void clientCredentialsSucceedWithSalesforceShapedBodyInFormOrBasicAuth() throws Exception {
    Client.Reply r =
        form(
            "grant_type",
            "client_credentials",
            "client_id",
            SandboxConfig.DEFAULT_CLIENT_ID,
            "client_secret",
            SandboxConfig.DEFAULT_CLIENT_SECRET);
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("access_token").asText()).startsWith("00D").contains("!");
    assertThat(body.get("instance_url").asText()).isEqualTo(sandbox.baseUrl());
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("id").asText())
        .matches(sandbox.baseUrl().replace(".", "\\.") + "/id/00D\\w{15}/005\\w{15}");
    assertThat(body.get("issued_at").asText()).matches("\\d{13}");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            SandboxConfig.DEFAULT_CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        Base64.getEncoder()
            .encodeToString(
                mac.doFinal(
                    (body.get("id").asText() + body.get("issued_at").asText())
                        .getBytes(StandardCharsets.UTF_8)));
    assertThat(body.get("signature").asText()).isEqualTo(expected);

    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (SandboxConfig.DEFAULT_CLIENT_ID + ":" + SandboxConfig.DEFAULT_CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
    Client.Reply viaBasic =
        client.token(new FormBody.Builder().add("grant_type", "client_credentials").build(), basic);
    assertThat(viaBasic.status()).isEqualTo(200);
    client.token = viaBasic.json().get("access_token").asText();
    assertThat(client.get(V + "/limits").status()).isEqualTo(200);
    assertThat(sandbox.stats().tokens()).containsEntry("issued", 3L);

    // behind a proxy, clients are sent to the proxy
    sandbox.advertiseUrl("http://127.0.0.1:1");
    JsonNode proxied =
        client
            .token(new FormBody.Builder().add("grant_type", "client_credentials").build(), basic)
            .json();
    assertThat(proxied.get("instance_url").asText()).isEqualTo("http://127.0.0.1:1");
    assertThat(proxied.get("id").asText()).startsWith("http://127.0.0.1:1/id/");
  }

  @Test
  void wrongCredentialsGetTheRealErrorBodies() {
    assertThat(
            form(
                    "grant_type",
                    "client_credentials",
                    "client_id",
                    SandboxConfig.DEFAULT_CLIENT_ID,
                    "client_secret",
                    "wrong")
                .text())
        .isEqualTo(
            "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
    Client.Reply unknown =
        form("grant_type", "client_credentials", "client_id", "nope", "client_secret", "x");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text())
        .isEqualTo(
            "{\"error\":\"invalid_client_id\",\"error_description\":\"client identifier invalid\"}");
    assertThat(form("grant_type", "password", "username", "u", "password", "p").text())
        .isEqualTo(
            "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant type not supported\"}");
    assertThat(sandbox.stats().tokens())
        .containsEntry("invalid_client", 1L)
        .containsEntry("invalid_client_id", 1L);
  }

  private String jwt(KeyPair key, String iss, String aud, String sub, Instant exp)
      throws JOSEException {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(iss)
            .audience(aud)
            .subject(sub)
            .expirationTime(Date.from(exp))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner(key.getPrivate()));
    return jwt.serialize();
  }

  private Client.Reply jwtGrant(String assertion) {
    return form(
        "grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion);
  }

  @Test
  void jwtBearerVerifiesSignatureIssuerAudienceExpiryAndSubject() throws Exception {
    Instant soon = Instant.now().plusSeconds(180);
    String id = SandboxConfig.DEFAULT_CLIENT_ID;
    Client.Reply ok =
        jwtGrant(jwt(APP_KEY, id, "https://login.salesforce.com", "etl@acme.example", soon));
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(ok.json().has("issued_at")).as("JWT bearer answers carry no issued_at").isFalse();
    assertThat(ok.json().get("instance_url").asText()).isEqualTo(sandbox.baseUrl());

    assertThat(
            jwtGrant(jwt(OTHER_KEY, id, "https://login.salesforce.com", "etl@acme.example", soon))
                .text())
        .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"invalid assertion\"}");
    assertThat(
            jwtGrant(
                    jwt(
                        APP_KEY,
                        "someone-else",
                        "https://login.salesforce.com",
                        "etl@acme.example",
                        soon))
                .json()
                .get("error")
                .asText())
        .isEqualTo("invalid_client_id");
    assertThat(
            jwtGrant(jwt(APP_KEY, id, "https://acme.my.salesforce.com", "etl@acme.example", soon))
                .text())
        .isEqualTo(
            "{\"error\":\"invalid_grant\",\"error_description\":\"Audience validation failed\"}");
    assertThat(
            jwtGrant(
                    jwt(
                        APP_KEY,
                        id,
                        "https://test.salesforce.com",
                        "etl@acme.example",
                        Instant.now().minusSeconds(5)))
                .json()
                .get("error")
                .asText())
        .isEqualTo("invalid_grant");
    assertThat(
            jwtGrant(
                    jwt(APP_KEY, id, "https://login.salesforce.com", "intruder@acme.example", soon))
                .json()
                .get("error_description")
                .asText())
        .isEqualTo("user hasn't approved this consumer");
    assertThat(jwtGrant("not.a.jwt").json().get("error_description").asText())
        .isEqualTo("invalid assertion");
  }

  @Test
  void jwtBearerVerifiesAgainstAnUploadedCertificate(@TempDir Path dir) throws Exception {
    // keytool (part of every JDK) makes the self-signed certificate a connected app would hold.
    Path keystore = dir.resolve("app.p12");
    Path cert = dir.resolve("app.crt");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "app",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=sandbox-test",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "app",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        cert.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyPair pair =
        new KeyPair(
            ks.getCertificate("app").getPublicKey(),
            (PrivateKey) ks.getKey("app", "changeit".toCharArray()));
    sandbox.close();
    sandbox =
        Sandbox.start(
            SandboxConfig.builder()
                .jwtPublicKey(PublicKeys.fromPem(Files.readString(cert)))
                .build());
    client = new Client(sandbox);
    Client.Reply ok =
        jwtGrant(
            jwt(
                pair,
                SandboxConfig.DEFAULT_CLIENT_ID,
                "https://login.salesforce.com",
                "anyone@acme.example",
                Instant.now().plusSeconds(120)));
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    client.token = ok.json().get("access_token").asText();
    assertThat(client.get(V + "/limits").status()).isEqualTo(200);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void refreshTokenGrantChecksClientAndToken() {
    Client.Reply ok =
        form(
            "grant_type",
            "refresh_token",
            "refresh_token",
            "5Aep-refresh-1",
            "client_id",
            SandboxConfig.DEFAULT_CLIENT_ID);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().has("refresh_token")).as("no rotation configured").isFalse();
    assertThat(
            form(
                    "grant_type",
                    "refresh_token",
                    "refresh_token",
                    "stale",
                    "client_id",
                    SandboxConfig.DEFAULT_CLIENT_ID)
                .text())
        .isEqualTo(
            "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}");
    sandbox.revokeRefreshTokens();
    assertThat(
            form(
                    "grant_type",
                    "refresh_token",
                    "refresh_token",
                    "5Aep-refresh-1",
                    "client_id",
                    SandboxConfig.DEFAULT_CLIENT_ID)
                .status())
        .isEqualTo(400);
  }

  @Test
  void rotationReplacesTheRefreshTokenOnEveryRefresh() throws Exception {
    sandbox.close();
    sandbox =
        Sandbox.start(
            SandboxConfig.builder().refreshToken("5Aep-first").rotateRefreshTokens(true).build());
    client = new Client(sandbox);
    Client.Reply first =
        form(
            "grant_type",
            "refresh_token",
            "refresh_token",
            "5Aep-first",
            "client_id",
            SandboxConfig.DEFAULT_CLIENT_ID);
    assertThat(first.status()).isEqualTo(200);
    String rotated = first.json().get("refresh_token").asText();
    assertThat(rotated).isNotEqualTo("5Aep-first");
    assertThat(
            form(
                    "grant_type",
                    "refresh_token",
                    "refresh_token",
                    "5Aep-first",
                    "client_id",
                    SandboxConfig.DEFAULT_CLIENT_ID)
                .json()
                .get("error")
                .asText())
        .as("the old token is invalid after rotation")
        .isEqualTo("invalid_grant");
    assertThat(
            form(
                    "grant_type",
                    "refresh_token",
                    "refresh_token",
                    rotated,
                    "client_id",
                    SandboxConfig.DEFAULT_CLIENT_ID,
                    "client_secret",
                    "wrong")
                .json()
                .get("error")
                .asText())
        .isEqualTo("invalid_client");
    assertThat(
            form(
                    "grant_type",
                    "refresh_token",
                    "refresh_token",
                    rotated,
                    "client_id",
                    SandboxConfig.DEFAULT_CLIENT_ID)
                .status())
        .isEqualTo(200);
  }

  @Test
  void accessTokensExpireAfterTheSessionTimeoutWithoutUse() {
    assertThat(client.get(V + "/limits").status()).isEqualTo(200);
    sandbox.clock().advance(Duration.ofMinutes(29));
    assertThat(client.get(V + "/limits").status()).as("use renews the session").isEqualTo(200);
    sandbox.clock().advance(Duration.ofMinutes(31));
    Client.Reply expired = client.get(V + "/limits");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.text())
        .isEqualTo(
            "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
    client.token = "00Dbogus!token";
    assertThat(client.get(V + "/limits").status()).isEqualTo(401);
    client.token = null;
    assertThat(client.get(V + "/limits").status()).isEqualTo(401);
  }
}
