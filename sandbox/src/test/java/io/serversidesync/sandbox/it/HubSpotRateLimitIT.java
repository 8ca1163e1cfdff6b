package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.HubSpotClient.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.hubspot.HubSpotSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class HubSpotRateLimitIT extends HubSpotTestBase {

  @Override
  HubSpotSettings settings() {
    return HubSpotSettings.defaults().withBurst(5).withDailyLimit(1_000);
  }

  @Test
  void theBurstLimitAnswers429TenSecondlyRollingAndTheHeadersCountDown() {
    sandbox.clock().freezeAt(Instant.parse("2026-12-04T15:00:00Z"));
    List<String> remaining = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Client.Reply r = hubspot.get("/crm/v3/properties/contacts/email");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("X-HubSpot-RateLimit-Max")).isEqualTo("5");
      assertThat(r.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
      assertThat(r.header("X-HubSpot-RateLimit-Daily")).isEqualTo("1000");
      assertThat(r.header("X-HubSpot-RateLimit-Daily-Remaining"))
          .isEqualTo(Integer.toString(1000 - i - 1));
      remaining.add(r.header("X-HubSpot-RateLimit-Remaining"));
    }
    assertThat(remaining).containsExactly("4", "3", "2", "1", "0");

    Client.Reply limited = hubspot.upsertContacts("C-1|{}");
    assertThat(limited.status()).isEqualTo(429);
    JsonNode body = limited.json();
    assertThat(body.get("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
    assertThat(body.get("errorType").asText()).isEqualTo("RATE_LIMIT");
    assertThat(body.get("message").asText())
        .isEqualTo("You have reached your ten_secondly_rolling limit.");
    assertThat(body.get("groupName").asText()).startsWith("publicapi:pat:");
    assertThat(limited.header("Retry-After")).isNull();
    assertThat(limited.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");
    assertThat(sandbox.hubSpot().records("contacts")).isEmpty();

    sandbox.clock().advance(Duration.ofMillis(9_999));
    assertThat(hubspot.upsertContacts("C-1|{}").status()).as("the 429 counted too").isEqualTo(429);
    sandbox.clock().advance(Duration.ofSeconds(10));
    Client.Reply again = hubspot.upsertContacts("C-1|{}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("4");
    assertThat(sandbox.stats().hubSpotCalls()).isEqualTo(8);
  }

  @Test
  void theDailyLimitAnswers429DailyUntilMidnightInTheAccountTimeZone() {
    // 2026-12-04 23:00 in New York (US/Eastern, UTC-5)
    sandbox.clock().freezeAt(Instant.parse("2026-12-05T04:00:00Z"));
    sandbox.hubSpot().setDailyUsage(999);
    Client.Reply last = hubspot.upsertContacts("C-1|{}");
    assertThat(last.status()).isEqualTo(200);
    assertThat(last.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("0");
    Client.Reply limited = hubspot.upsertContacts("C-2|{}");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("policyName").asText()).isEqualTo("DAILY");
    assertThat(limited.json().get("message").asText())
        .isEqualTo("You have reached your daily limit.");
    assertThat(limited.json().get("requestId").asText()).isNotEmpty();

    JsonNode usage = admin.get("/__sandbox/hubspot/usage").json();
    assertThat(usage.get("dailyUsed").asLong()).isEqualTo(1001);
    sandbox.clock().advance(Duration.ofMinutes(59));
    assertThat(hubspot.upsertContacts("C-2|{}").status()).isEqualTo(429);
    sandbox.clock().advance(Duration.ofMinutes(1));
    Client.Reply nextDay = hubspot.upsertContacts("C-2|{}");
    assertThat(nextDay.status()).isEqualTo(200);
    assertThat(nextDay.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("999");

    admin.post("/__sandbox/hubspot/usage", "{\"dailyUsed\":1000}");
    Client.Reply spent = hubspot.get("/account-info/v3/details");
    assertThat(spent.status()).isEqualTo(429);
    assertThat(spent.json().get("policyName").asText()).isEqualTo("DAILY");
    assertThat(admin.post("/__sandbox/hubspot/usage", "{\"dailyUsed\":-1}").status())
        .isEqualTo(400);
  }

  @Test
  void searchHasItsOwnFivePerSecondLimitAndNoHeaders() {
    sandbox.clock().freezeAt(Instant.parse("2026-12-04T15:00:00Z"));
    for (int i = 0; i < 5; i++) {
      Client.Reply r = hubspot.post(CONTACTS + "/search", "{}");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers().names()).noneMatch(h -> h.startsWith("X-HubSpot-RateLimit"));
    }
    Client.Reply sixth = hubspot.post(CONTACTS + "/search", "{}");
    assertThat(sixth.status()).isEqualTo(429);
    assertThat(sixth.json().get("policyName").asText()).isEqualTo("SECONDLY");
    assertThat(sixth.headers().names()).noneMatch(h -> h.startsWith("X-HubSpot-RateLimit"));
    assertThat(hubspot.get("/account-info/v3/details").header("X-HubSpot-RateLimit-Remaining"))
        .as("searches do not use the burst")
        .isEqualTo("4");
    sandbox.clock().advance(Duration.ofSeconds(1));
    assertThat(hubspot.post(CONTACTS + "/search", "{}").status()).isEqualTo(200);
  }
}
