package io.serversidesync.runner.destination.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.destination.Allocation;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.hubspot.http.ThrottleWindows;
import io.serversidesync.runner.destination.hubspot.properties.MappedProperty;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.destination.salesforce.RecordingTelemetry;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.faults.FaultSettings;
import io.serversidesync.sandbox.faults.RateLimitPolicy;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The HubSpot destination against the sandbox's HubSpot API: writes, deletes, and every bad input
 * the issue names (bad token, missing scope, a property without unique values, a misspelled
 * property, 207 partial failures) with the message the user gets.
 */
@Tag("integration")
class HubSpotSandboxIT {

  private static final String SECRET = "hubspot-app";
  private static final String KEY = "accessToken";
  private static final List<String> FIELDS =
      List.of("customer_ref", "firstname", "lastname", "email", "score", "lifecyclestage");

  private static Sandbox sandbox;

  private final Map<String, String> secret = new ConcurrentHashMap<>();
  private final RecordingTelemetry telemetry = new RecordingTelemetry();
  private final List<HubSpotDestination> destinations = new ArrayList<>();

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = Sandbox.start(SandboxConfig.builder().port(0).build());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void token() {
    sandbox.reset();
    secret.put(KEY, io.serversidesync.sandbox.hubspot.HubSpotSettings.DEFAULT_TOKEN);
  }

  @AfterEach
  void closeDestinations() {
    destinations.forEach(HubSpotDestination::close);
  }

  private HubSpotSettings settings(String uniqueProperty, List<String> fields) {
    List<MappedProperty> mapping = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      mapping.add(new MappedProperty("spec.mapping[" + i + "].field", fields.get(i)));
    }
    return HubSpotSettings.builder()
        .baseUrl(HttpUrl.get(sandbox.baseUrl()))
        .tokenSecret(SECRET)
        .tokenKey(KEY)
        .objectType("contacts")
        .uniqueProperty(uniqueProperty)
        .mapping(mapping)
        .deletes(DeletePolicy.Delete)
        .maxInputsPerCall(100)
        .rateLimit(
            new RateLimitSettings(
                50, 2, 1.0, Duration.ofSeconds(1), RateLimitSettings.DEFAULT_RECHECK_INTERVAL))
        .searchesPerSecond(5)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  private HubSpotDestination destination(HubSpotSettings settings) throws DestinationException {
    SecretLookup lookup =
        (name, key) -> {
          String value = name.equals(SECRET) ? secret.get(key) : null;
          if (value == null) {
            throw new SecretLookup.MissingSecretException("no key " + key + " in Secret " + name);
          }
          return value;
        };
    HubSpotDestination destination =
        HubSpotDestination.create(settings, lookup, telemetry, TimeSource.SYSTEM);
    destinations.add(destination);
    return destination;
  }

  private HubSpotDestination ready() throws DestinationException {
    HubSpotDestination destination = destination(settings("customer_ref", FIELDS));
    destination.preflight(FIELDS);
    return destination;
  }

  private static DestinationRecord contact(String key, Object... fieldsAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("customer_ref", key);
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      fields.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return new DestinationRecord(key, fields);
  }

  private static DeliveryPath batch(HubSpotDestination destination) {
    return destination.deliveryPaths().get(0);
  }

  private static Map<String, String> stored(String key) {
    return sandbox.hubSpot().records("contacts").stream()
        .filter(r -> key.equals(r.properties().get("customer_ref")))
        .map(HubSpotRecord::properties)
        .findFirst()
        .orElse(Map.of());
  }

  @Test
  void upsertsCreateThenUpdateByTheUniquePropertyAndGiveTheRecordIds() throws Exception {
    HubSpotDestination destination = ready();

    List<RecordOutcome> created =
        destination
            .write(
                batch(destination),
                WriteOperation.UPSERT,
                List.of(
                    contact("C-1", "lastname", "Lovelace", "score", 42L),
                    contact("C-2", "lastname", "Hopper", "lifecyclestage", "lead")))
            .outcomes();
    List<RecordOutcome> updated =
        destination
            .write(
                batch(destination),
                WriteOperation.UPSERT,
                List.of(contact("C-1", "lastname", "Byron", "email", null)))
            .outcomes();

    assertThat(created).allSatisfy(o -> assertThat(o).isInstanceOf(RecordOutcome.Ok.class));
    assertThat(created).extracting(o -> ((RecordOutcome.Ok) o).created()).containsOnly(true);
    RecordOutcome.Ok again = (RecordOutcome.Ok) updated.get(0);
    assertThat(again.created()).isFalse();
    assertThat(again.nativeId()).isEqualTo(((RecordOutcome.Ok) created.get(0)).nativeId());
    assertThat(stored("C-1")).containsEntry("lastname", "Byron").containsEntry("score", "42");
    assertThat(stored("C-2")).containsEntry("lifecyclestage", "lead");
    assertThat(telemetry.calls())
        .containsExactly(
            "account-info 200", "properties 200", "batch-upsert 200", "batch-upsert 200");
  }

  @Test
  void aBadTokenNamesTheSecretAndItsKey() throws Exception {
    secret.put(KEY, "pat-na1-revoked");
    HubSpotDestination destination = destination(settings("customer_ref", FIELDS));

    DestinationException e =
        catchThrowableOfType(DestinationException.class, () -> destination.preflight(FIELDS));

    assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
    assertThat(e.reason()).isEqualTo("CredentialsRejected");
    assertThat(e.getMessage())
        .startsWith(
            "HubSpot refused the private app token in key accessToken of Secret hubspot-app"
                + " (HTTP 401 INVALID_AUTHENTICATION: Authentication credentials not found.")
        .endsWith("the runner reads the Secret again and retries.")
        .doesNotContain("pat-na1-revoked");
    // the Secret is read again after a refusal: a replaced token works without a restart
    secret.put(KEY, io.serversidesync.sandbox.hubspot.HubSpotSettings.DEFAULT_TOKEN);
    destination.preflight(FIELDS);
  }

  @Test
  void aMissingScopeIsNamed() throws Exception {
    sandbox
        .hubSpot()
        .setToken(
            io.serversidesync.sandbox.hubspot.HubSpotSettings.DEFAULT_TOKEN,
            Set.of("crm.objects.contacts.read", "crm.schemas.contacts.read"));
    HubSpotDestination destination = ready();

    DestinationException e =
        catchThrowableOfType(
            DestinationException.class,
            () ->
                destination.write(
                    batch(destination), WriteOperation.UPSERT, List.of(contact("C-1"))));

    assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
    assertThat(e.reason()).isEqualTo("ScopeMissing");
    assertThat(e.getMessage())
        .isEqualTo(
            "the private app in key accessToken of Secret hubspot-app lacks the scope"
                + " crm.objects.contacts.write that batch-upsert needs. Add it to the app's scopes"
                + " in HubSpot (Settings → Integrations → Private apps → Scopes); the runner"
                + " retries.");
  }

  @Test
  void theIdentifiersPropertyMustHaveUniqueValuesAndMisspellingsGetASuggestion() throws Exception {
    List<String> fields = List.of("email", "firstname", "lastnme");
    HubSpotDestination destination = destination(settings("email", fields));

    DestinationException e =
        catchThrowableOfType(DestinationException.class, () -> destination.preflight(fields));

    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.reason()).isEqualTo("MappingInvalid");
    assertThat(e.getMessage())
        .isEqualTo(
            "spec.destination.externalIdField: property email of contacts has no unique values;"
                + " HubSpot upserts only by a property with unique values: create one with"
                + " \"Require unique values for this property\" (or hasUniqueValue: true through"
                + " the properties API) and map the identifier to it; spec.mapping[2].field:"
                + " HubSpot object contacts has no property lastnme (did you mean lastname?)");
  }

  @Test
  void anUnknownObjectTypeIsNamed() throws Exception {
    HubSpotDestination destination =
        destination(settings("customer_ref", FIELDS).withObjectType("contactz"));

    DestinationException e =
        catchThrowableOfType(DestinationException.class, () -> destination.preflight(FIELDS));

    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .startsWith("spec.destination.object: HubSpot has no object type contactz (");
  }

  @Test
  void aRecordHubSpotRefusesGetsItsCategoryAndMessageAndTheOthersAreWritten() throws Exception {
    HubSpotDestination destination = ready();
    // a property the preflight did not see: only HubSpot can refuse it (207)
    List<RecordOutcome> outcomes =
        destination
            .write(
                batch(destination),
                WriteOperation.UPSERT,
                List.of(
                    contact("C-1", "lastname", "Lovelace"),
                    contact("C-2", "lastname", "Hopper", "favourite_colour", "teal"),
                    contact("C-3", "lastname", "Curie")))
            .outcomes();

    assertThat(outcomes.get(0)).isInstanceOf(RecordOutcome.Ok.class);
    assertThat(outcomes.get(2)).isInstanceOf(RecordOutcome.Ok.class);
    RecordOutcome.Permanent refused = (RecordOutcome.Permanent) outcomes.get(1);
    assertThat(refused.code()).isEqualTo("VALIDATION_ERROR");
    assertThat(refused.message())
        .startsWith("Property values were not valid:")
        .contains("favourite_colour");
    assertThat(refused.fields()).containsExactly("favourite_colour");
    assertThat(stored("C-1")).containsEntry("lastname", "Lovelace");
    assertThat(stored("C-3")).containsEntry("lastname", "Curie");
    assertThat(stored("C-2")).isEmpty();
  }

  @Test
  void valuesThatCannotBecomeTheirPropertyAreRefusedBeforeSendingWithTheReason() throws Exception {
    HubSpotDestination destination = ready();

    List<RecordOutcome> outcomes =
        destination
            .write(
                batch(destination),
                WriteOperation.UPSERT,
                List.of(
                    contact("C-1", "lastname", "x".repeat(65_537)),
                    contact("C-2", "lifecyclestage", "champion"),
                    contact("C-3", "score", "forty-two"),
                    contact("C-4", "lastname", "Curie")))
            .outcomes();

    assertThat(outcomes.subList(0, 3))
        .extracting(o -> ((RecordOutcome.Permanent) o).code())
        .containsExactly("STRING_TOO_LONG", "INVALID_OPTION", "INVALID_NUMBER");
    assertThat(((RecordOutcome.Permanent) outcomes.get(0)).message())
        .isEqualTo(
            "property lastname holds 65537 characters; HubSpot takes at most 65536 in a"
                + " property: shorten the value in Postgres");
    assertThat(((RecordOutcome.Permanent) outcomes.get(1)).message())
        .startsWith("property lifecyclestage has no option \"champion\"; its options are ")
        .contains("lead");
    assertThat(outcomes.get(3)).isInstanceOf(RecordOutcome.Ok.class);
    assertThat(sandbox.hubSpot().records("contacts")).hasSize(1);
  }

  @Test
  void deletesArchiveByTheIdentifierAndAKeyAlreadyGoneIsFine() throws Exception {
    HubSpotDestination destination = ready();
    destination.write(
        batch(destination),
        WriteOperation.UPSERT,
        List.of(contact("C-1"), contact("C-2"), contact("C-3")));

    List<RecordOutcome> outcomes =
        destination
            .write(
                batch(destination),
                WriteOperation.DELETE,
                List.of(
                    DestinationRecord.keyOnly("C-1"),
                    DestinationRecord.keyOnly("C-3"),
                    DestinationRecord.keyOnly("C-9")))
            .outcomes();

    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(RecordOutcome.Ok.class));
    assertThat(sandbox.hubSpot().records("contacts"))
        .extracting(r -> r.properties().get("customer_ref"))
        .containsExactly("C-2");
  }

  @Test
  void aBurstOrSecondlyLimitHoldsRequestsForItsWindow() throws Exception {
    for (RateLimitPolicy policy :
        List.of(RateLimitPolicy.TEN_SECONDLY_ROLLING, RateLimitPolicy.SECONDLY)) {
      sandbox.setFaults(FaultSettings.none().withRateLimitPolicy(policy));
      HubSpotDestination destination = ready();
      sandbox.startRateLimitBurst(1);
      Instant before = Instant.now();

      DestinationException e =
          catchThrowableOfType(
              DestinationException.class,
              () ->
                  destination.write(
                      batch(destination), WriteOperation.UPSERT, List.of(contact("C-1"))));

      Duration window =
          policy == RateLimitPolicy.SECONDLY ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
      assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
      assertThat(e.reason()).isEqualTo("RateLimited");
      assertThat(e.getMessage()).contains(policy.name());
      assertThat(e.retryAt()).isBetween(before.plus(window), Instant.now().plus(window));
    }
  }

  @Test
  void theDailyLimitHoldsRequestsUntilTheAccountsMidnight() throws Exception {
    HubSpotDestination destination = ready();
    sandbox
        .hubSpot()
        .setDailyUsage(io.serversidesync.sandbox.hubspot.HubSpotSettings.DEFAULT_DAILY_LIMIT);

    DestinationException e =
        catchThrowableOfType(
            DestinationException.class,
            () ->
                destination.write(
                    batch(destination), WriteOperation.UPSERT, List.of(contact("C-1"))));

    Instant midnight =
        new ThrottleWindows(
                ZoneId.of(io.serversidesync.sandbox.hubspot.HubSpotSettings.DEFAULT_TIME_ZONE))
            .nextMidnight(Instant.now());
    assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
    assertThat(e.reason()).isEqualTo("DailyQuotaSpent");
    assertThat(e.retryAt()).isEqualTo(midnight);
    assertThat(e.getMessage())
        .startsWith("the HubSpot account's daily API allocation is spent (HTTP 429")
        .endsWith("it resets at midnight in the account's time zone, " + midnight);
    assertThat(telemetry.throttles()).isNotEmpty();
  }

  @Test
  void theAllocationIsReadFromTheRateLimitHeaders() throws Exception {
    HubSpotDestination destination = ready();

    Allocation allocation = destination.allocation().orElseThrow();

    assertThat(allocation.max())
        .isEqualTo(io.serversidesync.sandbox.hubspot.HubSpotSettings.DEFAULT_DAILY_LIMIT);
    assertThat(allocation.used()).isBetween(2L, 3L);
  }
}
