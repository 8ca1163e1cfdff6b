package io.serversidesync.runner.destination.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The JWT-bearer and refresh-token flows against the sandbox's token endpoint. */
@Tag("integration")
class SalesforceSandboxAuthIT {

  private static final String USER = "integration@acme.example";
  private static final String REFRESH_TOKEN = "5Aep861-refresh-token";
  private static KeyPair keys;
  private static Sandbox sandbox;

  private final Map<String, String> secret = new ConcurrentHashMap<>();
  private final RecordingTelemetry telemetry = new RecordingTelemetry();

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    sandbox =
        Sandbox.start(
            SandboxConfig.builder()
                .port(0)
                .jwtPublicKey((RSAPublicKey) keys.getPublic())
                .jwtUsername(USER)
                .refreshToken(REFRESH_TOKEN)
                .build());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private SalesforceDestination destination(AuthFlow flow) throws Exception {
    SalesforceSettings settings =
        SalesforceSettings.builder()
            .loginUrl(HttpUrl.get(sandbox.baseUrl()))
            .apiVersion("64.0")
            .flow(flow)
            .secretName("sf-auth")
            .audience("https://login.salesforce.com")
            .object("Contact")
            .externalIdField("Customer_Ref__c")
            .mapping(
                List.of(
                    new MappedField("spec.mapping[0].field", "Customer_Ref__c"),
                    new MappedField("spec.mapping[1].field", "LastName")))
            .deletes(DeletePolicy.Ignore)
            .maxRecordsPerCall(200)
            .rateLimit(
                new RateLimitSettings(100, 2, 1.0, Duration.ofMinutes(5), Duration.ofMillis(100)))
            .bulk(BulkSettings.DEFAULT)
            .bulkProcessingEstimate(SalesforceSettings.DEFAULT_BULK_PROCESSING)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .build();
    SecretLookup lookup =
        (name, key) -> {
          String value = secret.get(key);
          if (value == null) {
            throw new SecretLookup.MissingSecretException("Secret " + name + " has no " + key);
          }
          return value;
        };
    return SalesforceDestination.create(settings, lookup, telemetry, TimeSource.SYSTEM);
  }

  private static List<DestinationRecord> records(String prefix) {
    return List.of(
        new DestinationRecord(
            prefix + "1", Map.of("Customer_Ref__c", prefix + "1", "LastName", "One")),
        new DestinationRecord(
            prefix + "2", Map.of("Customer_Ref__c", prefix + "2", "LastName", "Two")));
  }

  @Test
  void jwtBearerSignsAnAssertionTheOrgAccepts() throws Exception {
    secret.put("clientId", SandboxConfig.DEFAULT_CLIENT_ID);
    secret.put("username", USER);
    secret.put(
        "privateKey",
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    try (SalesforceDestination destination = destination(AuthFlow.JwtBearer)) {
      destination.preflight(List.of("Customer_Ref__c", "LastName"));
      WriteResult result =
          destination.write(
              destination.deliveryPaths().get(0), WriteOperation.UPSERT, records("J-"));
      assertThat(result.outcomes()).allMatch(o -> o instanceof RecordOutcome.Ok);
    }
  }

  @Test
  void aRevokedRefreshTokenIsAClearCredentialsError() throws Exception {
    secret.put("clientId", SandboxConfig.DEFAULT_CLIENT_ID);
    secret.put("refreshToken", REFRESH_TOKEN);
    try (SalesforceDestination destination = destination(AuthFlow.RefreshToken)) {
      destination.preflight(List.of("Customer_Ref__c", "LastName"));
      int before = sandbox.records("Contact").size();

      sandbox.revokeRefreshTokens();
      sandbox.revokeAccessTokens();

      assertThatThrownBy(
              () ->
                  destination.write(
                      destination.deliveryPaths().get(0), WriteOperation.UPSERT, records("T-")))
          .isInstanceOfSatisfying(
              DestinationException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
                assertThat(e.getMessage())
                    .startsWith(
                        "Salesforce rejected the credentials in Secret sf-auth: invalid_grant"
                            + " (expired access/refresh token)")
                    .doesNotContain(REFRESH_TOKEN);
              });
      assertThat(sandbox.records("Contact")).hasSize(before);
    }
  }
}
