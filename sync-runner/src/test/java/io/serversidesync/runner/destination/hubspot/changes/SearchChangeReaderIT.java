package io.serversidesync.runner.destination.hubspot.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.destination.ChangedRecord;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.hubspot.HubSpotSettings;
import io.serversidesync.runner.destination.hubspot.http.HubSpotHttp;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.hubspot.HubSpotControl;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The search reader against the sandbox's HubSpot API. */
@Tag("integration")
class SearchChangeReaderIT {

  private static final List<String> MAPPED =
      List.of(
          "customer_ref",
          "email",
          "lifecyclestage",
          "score",
          "vip",
          "birthdate",
          "last_seen_at",
          "phone");

  private static Sandbox sandbox;
  private static HubSpotControl hubSpot;

  private final StatusTelemetry telemetry = new StatusTelemetry();
  private SearchChangeReader reader;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = Sandbox.start(SandboxConfig.builder().port(0).dailyApiLimit(10_000_000).build());
    hubSpot = sandbox.hubSpot();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void reset() throws Exception {
    sandbox.reset();
    sandbox.clock().reset();
    HubSpotSettings settings =
        HubSpotReaders.settings(HttpUrl.get(sandbox.baseUrl()), "contacts", "customer_ref", MAPPED);
    HubSpotHttp http = HubSpotReaders.http(settings, hubSpot.token(), telemetry, TimeSource.SYSTEM);
    reader = HubSpotReaders.reader(settings, http, TimeSource.SYSTEM);
  }

  private static void contact(String ref, Map<String, String> values) {
    hubSpot.editAsUser("contacts", "customer_ref", ref, values);
  }

  /** Every page of one read from the mark, following continuations. */
  private List<ChangedRecord> readAll(ChangeCursor mark, int pageSize) throws Exception {
    List<ChangedRecord> out = new ArrayList<>();
    ChangePage page = reader.read(mark, null, pageSize);
    out.addAll(page.records());
    for (int guard = 0; !page.last(); guard++) {
      assertThat(guard).as("the read ends").isLessThan(1_000);
      page = reader.read(mark, page.continuation(), pageSize);
      out.addAll(page.records());
    }
    return out;
  }

  private static void assertInChangeOrder(List<ChangedRecord> records) {
    assertThat(records.stream().map(ChangeCursor::of).toList())
        .isSortedAccordingTo(ChangeCursor.ORDER)
        .doesNotHaveDuplicates();
  }

  @Test
  void aReadPagesAcrossPagesInChangeOrderAndALaterReadStartsAfterTheMark() throws Exception {
    Instant t = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    sandbox.clock().freezeAt(t);
    for (int i = 1; i <= 25; i++) {
      contact("C-" + i, Map.of("email", "c" + i + "@example.com"));
      if (i % 3 == 0) {
        sandbox.clock().advance(Duration.ofMillis(1)); // three records per millisecond
      }
    }
    sandbox.clock().reset();

    List<ChangedRecord> all = readAll(ChangeCursor.START, 4);

    assertThat(all).hasSize(25);
    assertInChangeOrder(all);
    assertThat(all).extracting(ChangedRecord::externalId).contains("C-1", "C-13", "C-25");
    ChangedRecord middle = all.get(11);
    List<ChangedRecord> rest = readAll(ChangeCursor.of(middle), 4);
    assertThat(rest).containsExactlyElementsOf(all.subList(12, 25));
    assertThat(telemetry.statuses()).containsOnly(200);
  }

  @Test
  void moreThanTenThousandRecordsChangedWithinMillisecondsAreEachReadOnce() throws Exception {
    Instant t = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
    sandbox.clock().freezeAt(t);
    for (int i = 0; i < 6_000; i++) { // one millisecond holds 30 pages
      contact("M-" + i, Map.of());
    }
    for (int ms = 1; ms <= 41; ms++) {
      sandbox.clock().advance(Duration.ofMillis(1));
      for (int i = 0; i < 100; i++) {
        contact("N-" + ms + "-" + i, Map.of());
      }
    }
    sandbox.clock().reset();

    List<ChangedRecord> all = readAll(ChangeCursor.START, Integer.MAX_VALUE);

    assertThat(all).hasSize(10_100);
    assertInChangeOrder(all);
    assertThat(all.get(0).modifiedAt()).isEqualTo(t);
    // 51 pages of 200, plus one search per millisecond cut off and one per mode switch
    assertThat(telemetry.statuses()).hasSizeLessThan(110).containsOnly(200);
  }

  @Test
  void aBurstOfReadsFromTwoThreadsStaysUnderFiveSearchesPerSecond() throws Exception {
    for (int i = 0; i < 40; i++) {
      contact("B-" + i, Map.of());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> reads = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        reads.add(pool.submit(() -> reader.read(ChangeCursor.START, null, 2)));
      }
      for (Future<?> read : reads) {
        read.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(telemetry.statuses()).hasSizeGreaterThanOrEqualTo(16).containsOnly(200);
    List<Instant> sent = telemetry.answered();
    for (int i = 5; i < sent.size(); i++) {
      assertThat(Duration.between(sent.get(i - 5), sent.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void everyPropertyTypeReadsBackAsTheTypeTheRunnerSends() throws Exception {
    contact(
        "T-1",
        Map.of(
            "email", "t1@example.com",
            "lifecyclestage", "lead",
            "score", "42",
            "vip", "true",
            "birthdate", "1990-05-17",
            "last_seen_at", "2026-12-04T11:22:33.456Z"));
    contact("T-2", Map.of("score", "2.5", "vip", "false"));
    long id = hubSpot.records("contacts").get(0).id();

    Map<String, ChangedRecord> byRef = new HashMap<>();
    readAll(ChangeCursor.START, 100).forEach(r -> byRef.put(r.externalId(), r));

    ChangedRecord one = byRef.get("T-1");
    assertThat(one.nativeId()).isEqualTo(Long.toString(id));
    assertThat(one.fields())
        .containsEntry("customer_ref", "T-1")
        .containsEntry("email", "t1@example.com")
        .containsEntry("lifecyclestage", "lead")
        .containsEntry("score", 42L)
        .containsEntry("vip", Boolean.TRUE)
        .containsEntry("birthdate", LocalDate.of(1990, 5, 17))
        .containsEntry(
            "last_seen_at", OffsetDateTime.of(2026, 12, 4, 11, 22, 33, 456_000_000, ZoneOffset.UTC))
        .containsEntry("phone", null);
    ChangedRecord two = byRef.get("T-2");
    assertThat(two.fields())
        .containsEntry("score", new BigDecimal("2.5"))
        .containsEntry("vip", Boolean.FALSE)
        .containsEntry("email", null);
    assertThat(reader.timeProperty()).isEqualTo("lastmodifieddate");
  }

  @Test
  void deletionsAreNotReadBackAndCostNoCall() throws DestinationException {
    long before = sandbox.stats().hubSpotCalls();
    assertThat(reader.deletions(Instant.EPOCH, Instant.now())).isEmpty();
    assertThat(sandbox.stats().hubSpotCalls()).isEqualTo(before);
  }

  /** Every search's status and when its answer came, in order. */
  private static final class StatusTelemetry implements DestinationTelemetry {
    private final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    private final List<Instant> answered = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void apiCall(String endpoint, int httpStatus) {
      if (endpoint.equals("search")) {
        synchronized (this) {
          statuses.add(httpStatus);
          answered.add(Instant.now());
        }
      }
    }

    @Override
    public void retried(String code) {}

    @Override
    public void throttled(Instant until, String why) {}

    @Override
    public void resumed() {}

    List<Integer> statuses() {
      return List.copyOf(statuses);
    }

    synchronized List<Instant> answered() {
      return List.copyOf(answered);
    }
  }
}
