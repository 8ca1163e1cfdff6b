package io.serversidesync.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.LogLevel;
import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.reliability.net.TcpProxy;
import io.serversidesync.reliability.testing.ContactsSync;
import io.serversidesync.reliability.testing.Exposure;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.faults.FaultSettings;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distinctive secret values — the database password, the OAuth client secret, a JWT private key, a
 * refresh token and every access token the destination issued — go through the runner's success and
 * failure paths with logging at TRACE. None of them may appear in its output (logs, exception
 * messages, stack traces), in any /status or /metrics answer, in the errors and sync-state tables,
 * or in the output of its other commands. The last test searches everything collected.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsLeakIT {

  private static final String CLIENT_ID = "leak-client";
  private static final String USERNAME = "integration@leak.example";
  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Map<String, String> SECRETS = new LinkedHashMap<>();
  private static final Exposure EXPOSED = new Exposure();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String role;
  private static String dbPassword;
  private static String clientSecret;
  private static String refreshToken;
  private static String privateKeyPem;
  private static Sandbox sandbox;
  private static TcpProxy proxy;

  @TempDir static Path dir;

  @BeforeAll
  static void secretsAndServers(PostgresDatabase db) throws Exception {
    String tag = UUID.randomUUID().toString().replace("-", "");
    role = "sss_leak_" + tag.substring(0, 8);
    dbPassword = "PgPw" + tag + "Zq";
    clientSecret = "ClSecret" + tag + "Xw";
    refreshToken = "RfTok" + tag + "Vb";
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    privateKeyPem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    SECRETS.put("database password", dbPassword);
    SECRETS.put("client secret", clientSecret);
    SECRETS.put("refresh token", refreshToken);
    SECRETS.put("private key", privateKeyPem);
    // wrong values the failure paths present are secrets too
    SECRETS.put("wrong database password", dbPassword + "Wrong");
    SECRETS.put("wrong client secret", clientSecret + "Wrong");

    db.execute(
        ContactsSync.ddl("leak"),
        ContactsSync.insert("leak", "s", 1, 30),
        "CREATE ROLE " + role + " LOGIN REPLICATION PASSWORD '" + dbPassword + "'",
        "ALTER TABLE public.leak OWNER TO " + role,
        "GRANT CREATE ON DATABASE " + db.name() + " TO " + role);
    sandbox =
        Sandbox.start(
            SandboxConfig.builder()
                .clientCredentials(CLIENT_ID, clientSecret)
                .jwtPublicKey((RSAPublicKey) keys.getPublic())
                .jwtUsername(USERNAME)
                .refreshToken(refreshToken)
                .build());
    proxy = TcpProxy.start("127.0.0.1", sandbox.port());
    sandbox.advertiseUrl(proxy.url());
    proxy.captureTraffic();
  }

  @AfterAll
  static void stop(PostgresDatabase db) {
    proxy.close();
    sandbox.close();
    db.execute(
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE slot_name LIKE 'sss_leak%'",
        "DROP OWNED BY " + role + " CASCADE");
    db.cluster().execute("postgres", "DROP ROLE " + role);
  }

  private static SecretsFile secrets(String password, Map<String, String> oauth) {
    SecretsFile file =
        new SecretsFile()
            .put(SyncManifest.DB_SECRET, "username", role)
            .put(SyncManifest.DB_SECRET, "password", password);
    oauth.forEach((k, v) -> file.put(SyncManifest.OAUTH_SECRET, k, v));
    return file;
  }

  private static Map<String, String> clientCredentials(String secret) {
    return Map.of("clientId", CLIENT_ID, "clientSecret", secret);
  }

  private static Path config(PostgresDatabase db, String sync, String flow, String loginUrl) {
    SyncManifest m = ContactsSync.manifest(sync, db, "leak", loginUrl).logLevel(LogLevel.TRACE);
    m.salesforce(loginUrl, AuthFlow.valueOf(flow), "Contact", "Customer_Ref__c");
    return m.write(dir.resolve(sync + ".yaml"));
  }

  /**
   * Runs the runner until {@code until} holds for its /status (or it exits), recording its output
   * and every /status and /metrics answer; then SIGTERM.
   */
  private static Ended run(String name, Path config, Path secrets, Predicate<JsonNode> until)
      throws Exception {
    RunnerProcess runner =
        RunnerProcess.start(
            RunnerCommand.run(config, secrets, dir.resolve(name + ".log"))
                .withStopGrace(Duration.ZERO));
    JsonNode[] last = new JsonNode[1];
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                // every answer is kept: each poll is a reader of /status and /metrics
                runner.probe().body("/metrics").ifPresent(b -> EXPOSED.add(name + " /metrics", b));
                runner.probe().body("/readyz").ifPresent(b -> EXPOSED.add(name + " /readyz", b));
                String status = runner.probe().body("/status").orElse(null);
                if (status != null) {
                  EXPOSED.add(name + " /status", status);
                  last[0] = JSON.readTree(status);
                }
                return !runner.isAlive() || (last[0] != null && until.test(last[0]));
              });
      boolean exitedByItself = !runner.isAlive();
      int exit = runner.terminate(Duration.ofSeconds(60));
      return new Ended(last[0], exitedByItself ? exit : null, runner.output());
    } finally {
      runner.close();
      EXPOSED.add(name + " output", runner.output());
    }
  }

  /**
   * How a run ended.
   *
   * @param status the last /status answer, null if there was none
   * @param exitCode the exit code when the runner stopped by itself, else null
   * @param output what it printed
   */
  private record Ended(JsonNode status, Integer exitCode, String output) {}

  private static boolean streaming(JsonNode s) {
    return s.path("ready").asBoolean() && s.path("phase").asText().equals("Streaming");
  }

  private static RunnerProcess.Result command(String name, List<String> args) {
    RunnerProcess.Result r =
        RunnerProcess.runToEnd(
            RunnerCommand.of(args, dir.resolve(name + ".log")), Duration.ofSeconds(60));
    EXPOSED.add(name + " output", r.output());
    return r;
  }

  @Test
  @Order(1)
  void clientCredentialsWithExpiringTokensAndARecordError(PostgresDatabase db) throws Exception {
    sandbox.setFaults(
        FaultSettings.none()
            .withTokenExpiryEveryCalls(3)
            .withLockRowRate(0.2)
            .withServerErrorRate(0.2));
    Path config = config(db, "leak-cc", "ClientCredentials", proxy.url());
    Path secrets =
        secrets(dbPassword, clientCredentials(clientSecret)).write(dir.resolve("cc.yaml"));
    db.execute(
        "INSERT INTO public.leak VALUES ('s-long', 'A', repeat('x', 100), 'a@example.com', '1')");
    JsonNode last =
        run(
                "client-credentials",
                config,
                secrets,
                s -> streaming(s) && s.path("counters").path("recordErrors").asLong() >= 1)
            .status();
    assertThat(last.path("counters").path("recordsWritten").asLong()).isGreaterThanOrEqualTo(30);
    assertThat(sandbox.stats().faults()).containsKey("TOKEN_EXPIRED");
    sandbox.setFaults(FaultSettings.none());

    List<String> files = List.of("--config", config.toString(), "--secrets", secrets.toString());
    assertThat(command("errors-list", concat(List.of("errors", "list", "--json"), files)).output())
        .contains("s-long");
    assertThat(command("errors-replay", concat(List.of("errors", "replay"), files)).exitCode())
        .isZero();
    assertThat(command("cleanup", concat(List.of("cleanup"), files)).exitCode()).isZero();
  }

  @Test
  @Order(2)
  void jwtBearer(PostgresDatabase db) throws Exception {
    Path config = config(db, "leak-jwt", "JwtBearer", proxy.url());
    Path secrets =
        secrets(
                dbPassword,
                Map.of("clientId", CLIENT_ID, "username", USERNAME, "privateKey", privateKeyPem))
            .write(dir.resolve("jwt.yaml"));
    run("jwt-bearer", config, secrets, SecretsLeakIT::streaming);
  }

  @Test
  @Order(3)
  void refreshTokenThenRevokedTokens(PostgresDatabase db) throws Exception {
    Path config = config(db, "leak-rt", "RefreshToken", proxy.url());
    Path secrets =
        secrets(
                dbPassword,
                Map.of(
                    "clientId",
                    CLIENT_ID,
                    "refreshToken",
                    refreshToken,
                    "clientSecret",
                    clientSecret))
            .write(dir.resolve("rt.yaml"));
    run("refresh-token", config, secrets, SecretsLeakIT::streaming);
    sandbox.revokeRefreshTokens();
    sandbox.revokeAccessTokens();
    db.execute(ContactsSync.insert("leak", "s", 31, 35));
    JsonNode last =
        run(
                "revoked-refresh-token",
                config,
                secrets,
                s -> s.path("reason").asText().equals("CredentialsRejected"))
            .status();
    assertThat(last.path("message").asText()).contains("refresh");
  }

  @Test
  @Order(4)
  void wrongClientSecret(PostgresDatabase db) throws Exception {
    Path config = config(db, "leak-wrong", "ClientCredentials", proxy.url());
    Path secrets =
        secrets(dbPassword, clientCredentials(clientSecret + "Wrong"))
            .write(dir.resolve("wrong.yaml"));
    JsonNode last =
        run(
                "wrong-client-secret",
                config,
                secrets,
                s -> s.path("reason").asText().equals("CredentialsRejected"))
            .status();
    assertThat(last.path("message").asText()).contains("invalid_client");
  }

  @Test
  @Order(5)
  void malformedPrivateKey(PostgresDatabase db) throws Exception {
    Path config = config(db, "leak-badkey", "JwtBearer", proxy.url());
    String broken = privateKeyPem.replace("-----END PRIVATE KEY-----", "").substring(0, 900);
    Path secrets =
        secrets(
                dbPassword,
                Map.of("clientId", CLIENT_ID, "username", USERNAME, "privateKey", broken))
            .write(dir.resolve("badkey.yaml"));
    Ended ended = run("malformed-private-key", config, secrets, s -> false);
    assertThat(ended.exitCode()).as(ended.output()).isEqualTo(5);
    assertThat(ended.output()).contains("privateKey");
  }

  @Test
  @Order(6)
  void wrongDatabasePasswordAndUnreachableDestination(PostgresDatabase db) throws Exception {
    Path secrets =
        secrets(dbPassword + "Wrong", clientCredentials(clientSecret))
            .write(dir.resolve("wrongpw.yaml"));
    JsonNode last =
        run(
                "wrong-database-password",
                config(db, "leak-pw", "ClientCredentials", proxy.url()),
                secrets,
                s -> s.path("reason").asText().equals("SourceCredentialsRejected"))
            .status();
    assertThat(last.path("message").asText())
        .contains("password authentication failed")
        .contains("spec.source.postgres.credentialsSecretRef");

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Path good =
        secrets(dbPassword, clientCredentials(clientSecret)).write(dir.resolve("good.yaml"));
    run(
        "destination-unreachable",
        config(db, "leak-down", "ClientCredentials", "http://127.0.0.1:" + closed),
        good,
        s -> !s.path("ready").asBoolean() && !s.path("reason").asText().equals("Preflight"));
  }

  @Test
  @Order(7)
  void brokenSecretsFile(PostgresDatabase db) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken,
        "apiVersion: v1\nkind: Secret\nmetadata: {name: source-db}\nstringData:\n  password: "
            + dbPassword
            + "\n  username: [unclosed "
            + clientSecret
            + "\n");
    RunnerProcess.Result result =
        command(
            "broken-secrets-file",
            List.of(
                "run",
                "--config",
                config(db, "leak-yaml", "ClientCredentials", proxy.url()).toString(),
                "--secrets",
                broken.toString(),
                "--status-port",
                "0"));
    assertThat(result.exitCode()).isEqualTo(3);
  }

  @Test
  @Order(8)
  void noSecretAppearsAnywhere(PostgresDatabase db) {
    for (Map<String, Object> row :
        db.query("SELECT row_to_json(e)::text AS j FROM serversidesync.errors e")) {
      EXPOSED.add("serversidesync.errors", (String) row.get("j"));
    }
    for (Map<String, Object> row :
        db.query("SELECT row_to_json(s)::text AS j FROM serversidesync.syncs s")) {
      EXPOSED.add("serversidesync.syncs", (String) row.get("j"));
    }
    assertThat(EXPOSED.text("serversidesync.errors")).contains("STRING_TOO_LONG");
    Map<String, String> secrets = new LinkedHashMap<>(SECRETS);
    Matcher tokens = ACCESS_TOKEN.matcher(proxy.capturedTraffic());
    int issued = 0;
    while (tokens.find()) {
      secrets.put("access token " + ++issued, tokens.group(1));
    }
    assertThat(issued).as("access tokens issued during the tests").isGreaterThan(3);
    // the search is not vacuous: every channel was read and holds what the runner said there (the
    // amount of text varies with how often /metrics was scraped), and the values are searchable
    for (String channel : List.of(" /metrics", " /status", " output")) {
      assertThat(EXPOSED.sources()).as("texts read").anyMatch(s -> s.endsWith(channel));
    }
    assertThat(
            EXPOSED.sources().stream()
                .filter(s -> s.endsWith(" /metrics"))
                .map(EXPOSED::text)
                .anyMatch(t -> t.contains("serversidesync_records_written_total")))
        .as("a /metrics body with the runner's counters")
        .isTrue();
    assertThat(EXPOSED.size()).isGreaterThan(20_000);
    assertThat(proxy.capturedTraffic()).contains(clientSecret);
    EXPOSED.assertContainsNone(secrets);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
