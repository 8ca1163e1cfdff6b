package io.serversidesync.runner.destination.salesforce;

import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.DATA;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.contact;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.contacts;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.json;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.successes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.destination.salesforce.convert.RecordEncoder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SalesforceUpsertTest {

  private static final String COLLECTIONS = DATA + "/composite/sobjects/Contact/Customer_Ref__c";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SalesforceFixture sf;

  SalesforceUpsertTest() throws Exception {
    sf = new SalesforceFixture();
  }

  @AfterEach
  void stop() throws Exception {
    sf.close();
  }

  private WriteResult upsert(SalesforceDestination destination, List<DestinationRecord> records)
      throws DestinationException {
    DeliveryPath collections = destination.deliveryPaths().get(0);
    assertThat(collections.name()).isEqualTo("collections");
    return destination.write(collections, WriteOperation.UPSERT, records);
  }

  private static int recordsIn(RecordedRequest request) {
    try {
      return JSON.readTree(request.getBody().clone().readUtf8()).get("records").size();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Answers each collections request with one success per record it carries. */
  private void answerAllSuccessful() {
    sf.routes.on("PATCH", COLLECTIONS, r -> json(200, successes(recordsIn(r))));
  }

  @Test
  void sendsOneCollectionsRequestWithAllOrNoneFalseAndConvertedValues() throws Exception {
    answerAllSuccessful();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Customer_Ref__c", "C-1");
    fields.put("LastName", "O'Brien \"Jr\"");
    fields.put("Email", null);
    fields.put("Birthdate", LocalDate.of(1990, 4, 1));
    fields.put("Score__c", new BigDecimal("1E+2"));
    WriteResult result = upsert(sf.destination(), List.of(new DestinationRecord("C-1", fields)));

    assertThat(result.outcomes()).containsExactly(new RecordOutcome.Ok("003000000000000AAA", true));
    RecordedRequest request = sf.routes.requests("PATCH", COLLECTIONS).get(0);
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(request.getBody().readUtf8());
    assertThat(body.get("allOrNone").asBoolean(true)).isFalse();
    JsonNode record = body.get("records").get(0);
    assertThat(record.get("attributes").get("type").asText()).isEqualTo("Contact");
    assertThat(record.get("Customer_Ref__c").asText()).isEqualTo("C-1");
    assertThat(record.get("LastName").asText()).isEqualTo("O'Brien \"Jr\"");
    assertThat(record.get("Email").isNull()).isTrue();
    assertThat(record.get("Birthdate").asText()).isEqualTo("1990-04-01");
    assertThat(record.get("Score__c").isNumber()).isTrue();
    assertThat(record.get("Score__c").toString()).isEqualTo("100");
  }

  @Test
  void splitsBatchesIntoCallsOfMaxRecordsAndKeepsOutcomesInOrder() throws Exception {
    answerAllSuccessful();
    WriteResult result = upsert(sf.destination(), contacts(450));

    List<RecordedRequest> calls = sf.routes.requests("PATCH", COLLECTIONS);
    assertThat(calls).extracting(SalesforceUpsertTest::recordsIn).containsExactly(200, 200, 50);
    assertThat(result.outcomes()).hasSize(450).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(sf.telemetry.calls("collections-upsert")).isEqualTo(3);
  }

  @Test
  void mapsEachRecordResultToItsOutcome() throws Exception {
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r ->
            json(
                200,
                """
                [{"id":"003A","success":true,"errors":[],"created":false},
                 {"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW",
                   "message":"unable to obtain exclusive access to this record","fields":[]}]},
                 {"id":null,"success":false,"errors":[{"statusCode":"STRING_TOO_LONG",
                   "message":"Last Name: data value too large: xxx (max length=80)",
                   "fields":["LastName"]}]},
                 {"success":false,"errors":[{"statusCode":"REQUIRED_FIELD_MISSING",
                   "message":"Required fields are missing: [LastName]","fields":["LastName"]}]}]
                """));
    WriteResult result = upsert(sf.destination(), contacts(4));

    assertThat(result.outcomes())
        .containsExactly(
            new RecordOutcome.Ok("003A", false),
            new RecordOutcome.Retryable(
                "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", null),
            new RecordOutcome.Permanent(
                "STRING_TOO_LONG",
                "Last Name: data value too large: xxx (max length=80)",
                List.of("LastName")),
            new RecordOutcome.Permanent(
                "REQUIRED_FIELD_MISSING",
                "Required fields are missing: [LastName]",
                List.of("LastName")));
  }

  @Test
  void aRequestRejectedForOneRecordsValueIsSplitUntilThatRecordIsIsolated() throws Exception {
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r ->
            r.getBody().clone().readUtf8().contains("\"POISON\"")
                ? json(
                    400,
                    "[{\"message\":\"Cannot deserialize instance of double from VALUE_STRING"
                        + " value POISON\",\"errorCode\":\"JSON_PARSER_ERROR\"}]")
                : json(200, successes(recordsIn(r))));
    List<DestinationRecord> records = new ArrayList<>(contacts(200));
    records.set(137, contact("C-137", "POISON"));

    WriteResult result = upsert(sf.destination(), records);

    List<RecordOutcome> outcomes = result.outcomes();
    assertThat(outcomes.stream().filter(o -> o instanceof RecordOutcome.Ok)).hasSize(199);
    assertThat(outcomes.get(137))
        .isEqualTo(
            new RecordOutcome.Permanent(
                "JSON_PARSER_ERROR",
                "Cannot deserialize instance of double from VALUE_STRING value POISON",
                List.of()));
    // One failing request, then two halves per level down to the single record.
    long calls = sf.telemetry.calls("collections-upsert");
    assertThat(calls).isLessThanOrEqualTo(1 + 2 * 8);
    assertThat(sf.telemetry.retries()).hasSize((int) calls - 1).containsOnly("JSON_PARSER_ERROR");
  }

  @Test
  void anUnknownFieldRejectedForTheWholeRequestIsAConfigurationErrorNotASplit() throws Exception {
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r ->
            json(
                400,
                "[{\"message\":\"No such column 'Emial' on sobject of type Contact\","
                    + "\"errorCode\":\"INVALID_FIELD\"}]"));
    SalesforceDestination destination = sf.destination();
    assertThatThrownBy(() -> upsert(destination, contacts(50)))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
              assertThat(e.getMessage()).contains("INVALID_FIELD: No such column 'Emial'");
            });
    assertThat(sf.telemetry.calls("collections-upsert")).isEqualTo(1);
  }

  @Test
  void aServerErrorWithAnHtmlPageFailsTheWriteAsTransient() throws Exception {
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r ->
            new MockResponse()
                .setResponseCode(503)
                .setHeader("Content-Type", "text/html")
                .setBody("<html><body><h1>Down for maintenance</h1></body></html>"));
    SalesforceDestination destination = sf.destination();
    assertThatThrownBy(() -> upsert(destination, contacts(10)))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
              assertThat(e.getMessage()).contains("HTTP 503").doesNotContain("<html>");
            });
    assertThat(sf.telemetry.calls()).contains("collections-upsert 503");
  }

  @Test
  void whenOneOfSeveralRequestsFailsOnlyItsRecordsAreHandedBack() throws Exception {
    AtomicInteger call = new AtomicInteger();
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r ->
            call.incrementAndGet() == 2
                ? json(
                    503, "[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"Server too busy\"}]")
                : json(200, successes(recordsIn(r))));
    WriteResult result = upsert(sf.destination(), contacts(500));

    List<RecordOutcome> outcomes = result.outcomes();
    assertThat(outcomes.subList(0, 200)).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(outcomes.subList(200, 400))
        .allSatisfy(
            o -> {
              assertThat(o).isInstanceOf(RecordOutcome.Retryable.class);
              assertThat(((RecordOutcome.Retryable) o).message())
                  .contains("SERVER_UNAVAILABLE: Server too busy");
            });
    assertThat(outcomes.subList(400, 500)).allMatch(o -> o instanceof RecordOutcome.Ok);
  }

  @Test
  void aTimeoutOrADroppedConnectionIsTransientAndCountedAsACallWithoutStatus() throws Exception {
    sf.settings =
        sf.settings
            .withConnectTimeout(Duration.ofSeconds(1))
            .withReadTimeout(Duration.ofMillis(300));
    sf.routes.on(
        "PATCH", COLLECTIONS, r -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    SalesforceDestination destination = sf.destination();
    assertThatThrownBy(() -> upsert(destination, contacts(1)))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
              assertThat(e.reason()).isEqualTo("SalesforceUnreachable");
            });
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    assertThatThrownBy(() -> upsert(destination, contacts(1)))
        .isInstanceOfSatisfying(
            DestinationException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
    assertThat(sf.telemetry.calls()).filteredOn(c -> c.equals("collections-upsert 0")).hasSize(2);
  }

  @Test
  void tooManyRequestsIsThrottledUntilRetryAfterAndHoldsTheNextRequest() throws Exception {
    sf.routes.onSequence(
        "PATCH",
        COLLECTIONS,
        json(429, "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"slow down\"}]")
            .setHeader("Retry-After", "30"),
        json(200, successes(1)));
    SalesforceDestination destination = sf.destination();
    destination.preflight(List.of("Customer_Ref__c"));
    Instant before = sf.time.now();

    assertThatThrownBy(() -> upsert(destination, contacts(1)))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
              assertThat(e.retryAt()).isEqualTo(before.plusSeconds(30));
            });
    assertThat(sf.telemetry.throttles()).hasSize(1);

    upsert(destination, contacts(1));
    assertThat(sf.time.now()).isAfterOrEqualTo(before.plusSeconds(30));
    assertThat(sf.telemetry.resumes()).isEqualTo(1);
  }

  @Test
  void theDailyLimitRefusalIsThrottledUntilTheNextProbe() throws Exception {
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r ->
            json(
                    403,
                    "[{\"message\":\"TotalRequests Limit exceeded.\","
                        + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")
                .setHeader("Sforce-Limit-Info", "api-usage=15000/15000"));
    SalesforceDestination destination = sf.destination();
    destination.preflight(List.of("Customer_Ref__c"));
    Instant refusedAt = sf.time.now();
    assertThatThrownBy(() -> upsert(destination, contacts(3)))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
              assertThat(e.reason()).isEqualTo("DailyQuotaSpent");
              assertThat(e.retryAt()).isEqualTo(refusedAt.plus(Duration.ofMinutes(5)));
            });
    assertThat(sf.telemetry.throttles()).singleElement().asString().contains("15000/15000");
  }

  @Test
  void aValueTheFieldCannotTakeFailsOnlyItsRecordAndIsNotSent() throws Exception {
    answerAllSuccessful();
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("Customer_Ref__c", "C-X");
    bad.put("Birthdate", "the first of April");
    List<DestinationRecord> records =
        List.of(contact("C-0", "A"), new DestinationRecord("C-X", bad), contact("C-2", "B"));

    WriteResult result = upsert(sf.destination(), records);

    assertThat(result.outcomes().get(0)).isInstanceOf(RecordOutcome.Ok.class);
    assertThat(result.outcomes().get(2)).isInstanceOf(RecordOutcome.Ok.class);
    RecordOutcome.Permanent refused = (RecordOutcome.Permanent) result.outcomes().get(1);
    assertThat(refused.code()).isEqualTo(RecordEncoder.CODE);
    assertThat(refused.fields()).containsExactly("Birthdate");
    RecordedRequest request = sf.routes.requests("PATCH", COLLECTIONS).get(0);
    assertThat(recordsIn(request)).isEqualTo(2);
    assertThat(request.getBody().readUtf8()).doesNotContain("C-X");
  }

  @Test
  void theDailyShareIsKeptFromTheUsageHeaderAndWaitsAreReported() throws Exception {
    sf.settings =
        sf.settings.withRateLimit(
            new io.serversidesync.runner.destination.ratelimit.RateLimitSettings(
                1000, 4, 0.03, Duration.ofMinutes(5), Duration.ofMinutes(10)));
    // Org allocation 100 → this sync may make 3 requests per 24 h: token, describe, one upsert.
    sf.routes.on(
        "GET",
        DATA + "/sobjects/Contact/describe",
        r ->
            json(200, SalesforceFixture.CONTACT_DESCRIBE)
                .setHeader("Sforce-Limit-Info", "api-usage=40/100"));
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r -> json(200, successes(recordsIn(r))).setHeader("Sforce-Limit-Info", "api-usage=41/100"));
    SalesforceDestination destination = sf.destination();
    destination.preflight(List.of("Customer_Ref__c"));
    upsert(destination, contacts(1));
    Instant spentAt = sf.time.now();
    assertThat(sf.telemetry.throttles()).isEmpty();

    WriteResult late = upsert(destination, contacts(1));

    assertThat(late.outcomes()).singleElement().isInstanceOf(RecordOutcome.Ok.class);
    assertThat(Duration.between(spentAt, sf.time.now())).isGreaterThan(Duration.ofHours(23));
    assertThat(sf.telemetry.throttles())
        .singleElement()
        .asString()
        .contains(
            "daily API budget spent: this sync made 3 requests in the last 24 h, its share"
                + " is 3 (3% of the org's allocation of 100)");
    assertThat(sf.telemetry.resumes()).isEqualTo(1);
  }

  @Test
  void othersUsageSpendingTheOrgAllocationHoldsRequestsUntilAProbeSeesRoomAgain() throws Exception {
    AtomicInteger upserts = new AtomicInteger();
    sf.routes.on(
        "GET",
        DATA + "/sobjects/Contact/describe",
        r ->
            json(200, SalesforceFixture.CONTACT_DESCRIBE)
                .setHeader("Sforce-Limit-Info", "api-usage=100/100"));
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r -> {
          upserts.incrementAndGet();
          return json(200, successes(recordsIn(r)))
              .setHeader("Sforce-Limit-Info", "api-usage=60/100");
        });
    SalesforceDestination destination = sf.destination();
    destination.preflight(List.of("Customer_Ref__c"));
    Instant spentAt = sf.time.now();

    WriteResult result = upsert(destination, contacts(5));

    assertThat(result.outcomes()).hasSize(5).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(upserts.get()).isEqualTo(1);
    assertThat(sf.time.now()).isEqualTo(spentAt.plus(Duration.ofMinutes(5)));
    assertThat(sf.telemetry.throttles()).singleElement().asString().contains("api-usage 100/100");
    assertThat(sf.telemetry.resumes()).isEqualTo(1);
  }

  @Test
  void everyRequestIsReportedAsAnApiCall() throws Exception {
    answerAllSuccessful();
    SalesforceDestination destination = sf.destination();
    destination.preflight(List.of("Customer_Ref__c"));
    upsert(destination, contacts(401));
    assertThat(sf.telemetry.calls())
        .containsExactly(
            "oauth-token 200",
            "describe 200",
            "collections-upsert 200",
            "collections-upsert 200",
            "collections-upsert 200");
    // plus the Versions list, which costs nothing against the allocation and is not counted
    assertThat(sf.routes.requests("GET", "/services/data/")).hasSize(1);
    assertThat(sf.server.getRequestCount()).isEqualTo(sf.telemetry.calls().size() + 1);
  }
}
