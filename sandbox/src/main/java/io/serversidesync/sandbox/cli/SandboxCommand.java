package io.serversidesync.sandbox.cli;

import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.auth.PublicKeys;
import io.serversidesync.sandbox.faults.FaultSettings;
import io.serversidesync.sandbox.hubspot.HubSpotSettings;
import io.serversidesync.sandbox.schema.SchemaLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar sandbox.jar --port P …}: runs the sandbox until interrupted. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description =
        "A local Salesforce-compatible server (OAuth, REST, sObject Collections, SOQL, Bulk API 2.0)"
            + " and a HubSpot CRM v3 API (/crm/v3/...) with fault injection. Admin API under"
            + " /__sandbox/ (see docs/sandbox.md).")
public final class SandboxCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port on 127.0.0.1; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--objects",
      description = "objects.yaml declaring objects and fields (default: Contact and Account).")
  Path objects;

  @Option(
      names = "--client-id",
      defaultValue = SandboxConfig.DEFAULT_CLIENT_ID,
      description = "Consumer key (default ${DEFAULT-VALUE}).")
  String clientId;

  @Option(
      names = "--client-secret",
      defaultValue = SandboxConfig.DEFAULT_CLIENT_SECRET,
      description = "Consumer secret (default ${DEFAULT-VALUE}).")
  String clientSecret;

  @Option(
      names = "--username",
      defaultValue = SandboxConfig.DEFAULT_USERNAME,
      description = "Integration user tokens run as (default ${DEFAULT-VALUE}).")
  String username;

  @Option(
      names = "--jwt-key",
      description =
          "PEM certificate or RSA public key verifying JWT bearer assertions (enables the JWT flow).")
  Path jwtKey;

  @Option(
      names = "--jwt-audience",
      description =
          "Extra accepted JWT aud (login.salesforce.com and test.salesforce.com always are); repeatable.")
  List<String> jwtAudiences = new ArrayList<>();

  @Option(names = "--jwt-username", description = "Accepted JWT sub; repeatable (default: any).")
  List<String> jwtUsernames = new ArrayList<>();

  @Option(names = "--refresh-token", description = "A refresh token the org accepts; repeatable.")
  List<String> refreshTokens = new ArrayList<>();

  @Option(
      names = "--rotate-refresh-tokens",
      description = "Return a new refresh token on every refresh and invalidate the old one.")
  boolean rotateRefreshTokens;

  @Option(
      names = "--session-timeout",
      defaultValue = "7200",
      description = "Seconds an access token stays valid without use (default ${DEFAULT-VALUE}).")
  long sessionTimeoutSeconds;

  @Option(
      names = "--daily-api-limit",
      defaultValue = "15000",
      description = "Daily API request allocation (default ${DEFAULT-VALUE}).")
  long dailyApiLimit;

  @Option(
      names = "--other-usage",
      defaultValue = "0",
      description = "API requests already used by other clients of the org.")
  long otherUsage;

  @Option(
      names = "--count-token-requests",
      description = "Count token requests toward the daily allocation.")
  boolean countTokenRequests;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the fault generator (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--error-rate",
      defaultValue = "0",
      description = "Fraction of data calls answered 5xx.")
  double errorRate;

  @Option(
      names = "--error-after-write-rate",
      defaultValue = "0",
      description = "Fraction of successful writes answered 5xx anyway (the write happened).")
  double errorAfterWriteRate;

  @Option(
      names = "--html-error-share",
      defaultValue = "0.5",
      description = "Fraction of injected 5xx that are HTML 503 pages (default ${DEFAULT-VALUE}).")
  double htmlErrorShare;

  @Option(
      names = "--burst-rate",
      defaultValue = "0",
      description = "Probability that a data call starts a burst of 429s.")
  double burstRate;

  @Option(
      names = "--burst-calls",
      defaultValue = "3",
      description = "Calls per 429 burst (default ${DEFAULT-VALUE}).")
  int burstCalls;

  @Option(
      names = "--retry-after",
      defaultValue = "1",
      description = "Retry-After seconds on 429 (default ${DEFAULT-VALUE}).")
  int retryAfter;

  @Option(
      names = "--lock-rate",
      defaultValue = "0",
      description = "Fraction of records failing with UNABLE_TO_LOCK_ROW.")
  double lockRate;

  @Option(
      names = "--token-expiry-every",
      defaultValue = "0",
      description = "Every N-th authenticated call finds all tokens expired (0 = never).")
  int tokenExpiryEvery;

  @Option(
      names = "--latency-ms",
      defaultValue = "0",
      description = "Delay added to every data and token call.")
  long latencyMs;

  @Option(
      names = "--latency-jitter-ms",
      defaultValue = "0",
      description = "Random extra delay up to this.")
  long latencyJitterMs;

  @Option(
      names = "--bulk-start-delay-ms",
      defaultValue = "0",
      description = "Wait before a closed Bulk job starts processing.")
  long bulkStartDelayMs;

  @Option(
      names = "--threads",
      defaultValue = "32",
      description = "HTTP worker threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--hubspot-token",
      defaultValue = HubSpotSettings.DEFAULT_TOKEN,
      description = "The private-app token the HubSpot API accepts (default ${DEFAULT-VALUE}).")
  String hubSpotToken;

  @Option(
      names = "--hubspot-burst",
      defaultValue = "190",
      description = "HubSpot requests allowed per rolling 10 s (default ${DEFAULT-VALUE}).")
  int hubSpotBurst;

  @Option(
      names = "--hubspot-daily-limit",
      defaultValue = "250000",
      description =
          "HubSpot requests allowed per day of the account's time zone (default ${DEFAULT-VALUE}).")
  long hubSpotDailyLimit;

  @Option(
      names = "--hubspot-time-zone",
      defaultValue = HubSpotSettings.DEFAULT_TIME_ZONE,
      description = "The HubSpot account's time zone (default ${DEFAULT-VALUE}).")
  String hubSpotTimeZone;

  public static void main(String[] args) {
    // The jar logs warnings and errors only; embedding modules configure their own logging.
    System.setProperty("logback.configurationFile", "sandbox-logback.xml");
    System.exit(new CommandLine(new SandboxCommand()).execute(args));
  }

  SandboxConfig config() throws IOException {
    SandboxConfig.Builder b =
        SandboxConfig.builder()
            .port(port)
            .clientCredentials(clientId, clientSecret)
            .username(username)
            .rotateRefreshTokens(rotateRefreshTokens)
            .sessionTimeout(Duration.ofSeconds(sessionTimeoutSeconds))
            .dailyApiLimit(dailyApiLimit)
            .otherUsage(otherUsage)
            .countTokenRequests(countTokenRequests)
            .bulkStartDelay(Duration.ofMillis(bulkStartDelayMs))
            .threads(threads)
            .hubSpot(
                HubSpotSettings.defaults()
                    .withToken(hubSpotToken)
                    .withBurst(hubSpotBurst)
                    .withDailyLimit(hubSpotDailyLimit)
                    .withTimeZone(zoneId(hubSpotTimeZone)))
            .faults(
                FaultSettings.none()
                    .withSeed(seed)
                    .withServerErrorRate(errorRate)
                    .withServerErrorAfterWriteRate(errorAfterWriteRate)
                    .withServerErrorAfterWriteRate(errorAfterWriteRate)
                    .withHtmlErrorShare(htmlErrorShare)
                    .withRateLimitBursts(burstRate, burstCalls, retryAfter)
                    .withLockRowRate(lockRate)
                    .withTokenExpiryEveryCalls(tokenExpiryEvery)
                    .withLatency(latencyMs, latencyJitterMs));
    if (objects != null) {
      b.schema(SchemaLoader.load(objects));
    }
    if (jwtKey != null) {
      b.jwtPublicKey(PublicKeys.fromPem(Files.readString(jwtKey, StandardCharsets.US_ASCII)));
    }
    jwtAudiences.forEach(b::jwtAudience);
    jwtUsernames.forEach(b::jwtUsername);
    refreshTokens.forEach(b::refreshToken);
    return b.build();
  }

  private static ZoneId zoneId(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("--hubspot-time-zone: " + e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws Exception {
    SandboxConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException | IOException | SchemaLoader.InvalidSchemaException e) {
      System.err.println("sandbox: " + e.getMessage());
      return 2;
    }
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(config);
    } catch (IOException e) {
      System.err.println("sandbox: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                },
                "sandbox-shutdown"));
    System.out.println("sandbox listening on " + sandbox.baseUrl());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
