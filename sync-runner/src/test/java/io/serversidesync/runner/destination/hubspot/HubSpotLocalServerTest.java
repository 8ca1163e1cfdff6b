package io.serversidesync.runner.destination.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.hubspot.properties.MappedProperty;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch upsert HubSpot rejects as a whole (400) because of one input is halved until that input
 * is alone: it gets HubSpot's category and message, the others are written. The sandbox answers a
 * bad value per input (207), so a whole-request 400 is played here by a small local server.
 */
class HubSpotLocalServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BAD_REQUEST =
      "{\"status\":\"error\",\"message\":\"Invalid input JSON on line 1\","
          + "\"correlationId\":\"c-1\",\"category\":\"VALIDATION_ERROR\"}";

  private static final String DAILY =
      "{\"status\":\"error\",\"message\":\"You have reached your daily limit.\","
          + "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"}";

  private HttpServer server;
  private final List<Integer> upsertSizes = new CopyOnWriteArrayList<>();
  private volatile int accountStatus = 200;
  private volatile String accountBody = "{\"portalId\":1,\"timeZone\":\"US/Eastern\"}";

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/account-info/v3/details", x -> answer(x, accountStatus, accountBody));
    server.createContext(
        "/crm/v3/properties/contacts",
        x ->
            answer(
                x,
                200,
                "{\"results\":[{\"name\":\"customer_ref\",\"type\":\"string\","
                    + "\"hasUniqueValue\":true},{\"name\":\"lastname\",\"type\":\"string\"}]}"));
    server.createContext("/crm/v3/objects/contacts/batch/upsert", this::upsert);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  /** 400 for the whole request when an input is BAD, else every input created. */
  private void upsert(HttpExchange exchange) throws IOException {
    JsonNode inputs = JSON.readTree(exchange.getRequestBody()).path("inputs");
    upsertSizes.add(inputs.size());
    ObjectNode answer = JSON.createObjectNode().put("status", "COMPLETE");
    ArrayNode results = answer.putArray("results");
    for (JsonNode input : inputs) {
      String id = input.path("id").asText();
      if (id.equals("DAILY")) {
        answer(exchange, 429, DAILY);
        return;
      }
      if (id.equals("BAD")) {
        answer(exchange, 400, BAD_REQUEST);
        return;
      }
      ObjectNode result = results.addObject().put("id", "9" + id.substring(2)).put("new", true);
      result.putObject("properties").put("customer_ref", id);
    }
    answer(exchange, 200, answer.toString());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private HubSpotDestination destination() throws Exception {
    HubSpotSettings settings =
        HubSpotSettings.builder()
            .baseUrl(HttpUrl.get("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
            .tokenSecret("hubspot")
            .tokenKey("token")
            .objectType("contacts")
            .uniqueProperty("customer_ref")
            .mapping(
                List.of(
                    new MappedProperty("spec.mapping[0].field", "customer_ref"),
                    new MappedProperty("spec.mapping[1].field", "lastname")))
            .deletes(DeletePolicy.Ignore)
            .maxInputsPerCall(100)
            .rateLimit(
                new RateLimitSettings(
                    50, 2, 1.0, Duration.ofSeconds(1), RateLimitSettings.DEFAULT_RECHECK_INTERVAL))
            .searchesPerSecond(5)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(10))
            .build();
    return HubSpotDestination.create(
        settings,
        (name, key) -> "pat-test",
        DestinationTelemetry.NOOP,
        TimeSource.SYSTEM,
        Map.of());
  }

  @Test
  void aWholeRequest400IsHalvedUntilTheBadInputIsAloneAndTheOthersAreWritten() throws Exception {
    List<DestinationRecord> records = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String key = i == 5 ? "BAD" : "C-" + i;
      records.add(new DestinationRecord(key, Map.of("customer_ref", key, "lastname", "L" + i)));
    }
    try (HubSpotDestination destination = destination()) {
      destination.preflight(List.of("customer_ref", "lastname"));

      List<RecordOutcome> outcomes =
          destination
              .write(destination.deliveryPaths().get(0), WriteOperation.UPSERT, records)
              .outcomes();

      assertThat(outcomes.get(5))
          .isEqualTo(
              new RecordOutcome.Permanent(
                  "VALIDATION_ERROR", "Invalid input JSON on line 1", List.of()));
      for (int i : List.of(0, 1, 2, 3, 4, 6, 7)) {
        assertThat(outcomes.get(i)).isEqualTo(new RecordOutcome.Ok("9" + i, true));
      }
      // 8 → 4 + 4 → (4 written) 2 + 2 → 1 + 1 (the bad one alone), 2 written
      assertThat(upsertSizes).containsExactly(8, 4, 4, 2, 1, 1, 2);
    }
  }

  @Test
  void theAccountsTimeZoneSetsWhenTheDailyAllocationResets() throws Exception {
    try (HubSpotDestination destination = destination()) {
      destination.preflight(List.of("customer_ref", "lastname"));

      assertThat(dailyLimitResumesAt(destination))
          .isEqualTo(nextMidnight(java.time.ZoneId.of("US/Eastern")));
    }
  }

  @Test
  void aRefusedOrAbsentAccountInfoKeepsUtcAndThePreflightGoesOn() throws Exception {
    String missingScopes =
        "{\"status\":\"error\",\"message\":\"This app hasn't been granted all required"
            + " scopes to make this call.\",\"category\":\"MISSING_SCOPES\",\"errors\":[{"
            + "\"context\":{\"requiredGranularScopes\":[\"account-info.read\"]}}]}";
    for (int status : List.of(403, 404)) {
      accountStatus = status;
      accountBody = status == 403 ? missingScopes : "{\"status\":\"error\",\"message\":\"\"}";
      try (HubSpotDestination destination = destination()) {
        destination.preflight(List.of("customer_ref", "lastname"));

        assertThat(dailyLimitResumesAt(destination))
            .as("after HTTP %d", status)
            .isEqualTo(nextMidnight(java.time.ZoneOffset.UTC));
      }
    }
  }

  /** When a DAILY 429 lets requests go again. */
  private static java.time.Instant dailyLimitResumesAt(HubSpotDestination destination) {
    io.serversidesync.runner.destination.DestinationException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.serversidesync.runner.destination.DestinationException.class,
            () ->
                destination.write(
                    destination.deliveryPaths().get(0),
                    WriteOperation.UPSERT,
                    List.of(new DestinationRecord("DAILY", Map.of("customer_ref", "DAILY")))));
    assertThat(e.reason()).isEqualTo("DailyQuotaSpent");
    return e.retryAt();
  }

  private static java.time.Instant nextMidnight(java.time.ZoneId zone) {
    return java.time.LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant();
  }
}
