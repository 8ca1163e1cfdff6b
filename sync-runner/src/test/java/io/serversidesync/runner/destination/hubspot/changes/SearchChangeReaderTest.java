package io.serversidesync.runner.destination.hubspot.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.destination.ChangedRecord;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.hubspot.HubSpotSettings;
import io.serversidesync.runner.destination.hubspot.properties.HubSpotProperty;
import io.serversidesync.runner.destination.hubspot.properties.ObjectProperties;
import io.serversidesync.runner.destination.hubspot.properties.PropertyType;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the reader sends to HubSpot's search and how it reads the answer. */
class SearchChangeReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MAPPED = List.of("customer_ref", "email", "score", "birthdate");

  private MockWebServer server;
  private SearchChangeReader reader;

  private static HubSpotProperty property(String name, PropertyType type) {
    return new HubSpotProperty(name, type, type.name().toLowerCase(), false, false, List.of());
  }

  private static ObjectProperties contacts(String... timeProperties) {
    List<HubSpotProperty> all =
        new java.util.ArrayList<>(
            List.of(
                property("customer_ref", PropertyType.STRING),
                property("email", PropertyType.STRING),
                property("score", PropertyType.NUMBER),
                property("birthdate", PropertyType.DATE),
                property("hs_object_id", PropertyType.NUMBER)));
    for (String t : timeProperties) {
      all.add(property(t, PropertyType.DATETIME));
    }
    return ObjectProperties.of("contacts", all);
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    HubSpotSettings settings =
        HubSpotReaders.settings(server.url("/"), "contacts", "customer_ref", MAPPED);
    reader =
        new SearchChangeReader(
            HubSpotReaders.http(settings, "pat-test", DestinationTelemetry.NOOP, TimeSource.SYSTEM),
            HubSpotReaders.target(settings),
            contacts("lastmodifieddate", "hs_lastmodifieddate"),
            TimeSource.SYSTEM);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static String result(String id, String modified, String ref, String score) {
    return """
        {"id":"%s","properties":{"hs_object_id":"%s","lastmodifieddate":"%s",\
        "customer_ref":%s,"email":"c%s@example.com","score":%s,"birthdate":"1990-05-17"},\
        "createdAt":"%s","updatedAt":"%s","archived":false}"""
        .formatted(id, id, modified, ref, id, score, modified, modified);
  }

  private void answer(int total, String after, String... results) {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"total\":"
                    + total
                    + ",\"results\":["
                    + String.join(",", results)
                    + "]"
                    + (after == null ? "" : ",\"paging\":{\"next\":{\"after\":\"" + after + "\"}}")
                    + "}"));
  }

  private JsonNode body(RecordedRequest request) throws Exception {
    return JSON.readTree(request.getBody().readUtf8());
  }

  @Test
  void theFirstReadSearchesEveryRecordByLastModifiedWithTheMappedProperties() throws Exception {
    answer(
        2,
        null,
        result("512", "2026-12-04T11:22:33.456Z", "\"C-1\"", "\"42\""),
        result("513", "2026-12-04T11:22:33.457Z", "\"\"", "\"2.5\""));

    ChangePage page = reader.read(ChangeCursor.START, null, Integer.MAX_VALUE);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/crm/v3/objects/contacts/search");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer pat-test");
    JsonNode body = body(request);
    assertThat(body.has("filterGroups")).isFalse();
    assertThat(body.has("after")).isFalse();
    assertThat(body.path("limit").asInt()).isEqualTo(200);
    assertThat(body.path("sorts").toString())
        .isEqualTo("[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}]");
    assertThat(body.path("properties").toString())
        .isEqualTo(
            "[\"customer_ref\",\"email\",\"score\",\"birthdate\",\"hs_object_id\","
                + "\"lastmodifieddate\"]");

    assertThat(page.last()).isTrue();
    ChangedRecord first = page.records().get(0);
    assertThat(first.nativeId()).isEqualTo("512");
    assertThat(first.externalId()).isEqualTo("C-1");
    assertThat(first.modifiedAt()).isEqualTo(Instant.parse("2026-12-04T11:22:33.456Z"));
    assertThat(first.fields())
        .containsExactly(
            java.util.Map.entry("customer_ref", "C-1"),
            java.util.Map.entry("email", "c512@example.com"),
            java.util.Map.entry("score", 42L),
            java.util.Map.entry("birthdate", LocalDate.of(1990, 5, 17)));
    ChangedRecord second = page.records().get(1);
    assertThat(second.externalId()).isNull();
    assertThat(second.fields()).containsEntry("score", new BigDecimal("2.5"));
  }

  @Test
  void aReadAfterTheMarkSearchesFromItsMillisecondAndPagesByPosition() throws Exception {
    Instant mark = Instant.parse("2026-12-04T11:22:33.456Z");
    answer(
        3,
        "2",
        result("99", "2026-12-04T11:22:33.456Z", "\"C-99\"", "null"),
        result("100", "2026-12-04T11:22:33.456Z", "\"C-100\"", "null"));
    // the whole page was one millisecond: the same read pages that millisecond by id
    answer(1, null, result("100", "2026-12-04T11:22:33.456Z", "\"C-100\"", "null"));

    ChangePage page = reader.read(new ChangeCursor(mark, "99"), null, 2);

    JsonNode first = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(first.path("filterGroups").toString())
        .isEqualTo(
            "[{\"filters\":[{\"propertyName\":\"lastmodifieddate\",\"operator\":\"GTE\","
                + "\"value\":\""
                + mark.toEpochMilli()
                + "\"}]}]");
    assertThat(first.path("limit").asInt()).isEqualTo(2);
    JsonNode second = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(second.path("filterGroups").get(0).path("filters").toString())
        .contains("\"propertyName\":\"hs_object_id\",\"operator\":\"GT\",\"value\":\"99\"")
        .contains("\"operator\":\"LT\",\"value\":\"" + (mark.toEpochMilli() + 1) + "\"");
    assertThat(second.path("sorts").get(0).path("propertyName").asText()).isEqualTo("hs_object_id");

    assertThat(page.records()).extracting(ChangedRecord::nativeId).containsExactly("100");
    assertThat(page.continuation()).isNotNull();
    assertThat(SearchWindow.decode(page.continuation()))
        .isEqualTo(new SearchWindow(SearchWindow.Mode.BY_TIME, mark.plusMillis(1), null));
  }

  @Test
  void aSearchHubSpotRefusesStopsTheSyncWithItsMessageAndDeletionsCostNothing() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody(
                "{\"status\":\"error\",\"category\":\"VALIDATION_ERROR\",\"message\":\"There was"
                    + " a problem with the request.\"}"));

    assertThatThrownBy(() -> reader.read(ChangeCursor.START, null, 100))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("VALIDATION_ERROR")
        .hasMessageContaining("lastmodifieddate")
        .extracting(e -> ((DestinationException) e).kind())
        .isEqualTo(DestinationException.Kind.CONFIGURATION);
    assertThat(reader.deletions(Instant.EPOCH, Instant.now())).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnknownContinuationStartsOverFromTheMark() {
    assertThatThrownBy(() -> reader.read(ChangeCursor.START, "after=200", 100))
        .isInstanceOf(DestinationException.class)
        .extracting(e -> ((DestinationException) e).kind())
        .isEqualTo(DestinationException.Kind.TRANSIENT);
  }

  @Test
  void contactsSearchOnLastmodifieddateAndOtherObjectsOnHsLastmodifieddate() {
    assertThat(SearchChangeReader.lastModifiedProperty(contacts("lastmodifieddate")))
        .isEqualTo("lastmodifieddate");
    assertThat(SearchChangeReader.lastModifiedProperty(contacts("hs_lastmodifieddate")))
        .isEqualTo("hs_lastmodifieddate");
    ObjectProperties companies =
        ObjectProperties.of(
            "companies", List.of(property("hs_lastmodifieddate", PropertyType.DATETIME)));
    assertThat(SearchChangeReader.lastModifiedProperty(companies)).isEqualTo("hs_lastmodifieddate");
  }
}
