package io.serversidesync.runner.destination.hubspot.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Reading HubSpot's error bodies and rate-limit headers, whatever is missing from them. */
class HubSpotResponsePartsTest {

  @Test
  void aMissingScopesErrorNamesTheScopes() {
    HubSpotError error =
        HubSpotError.parse(
                """
                {"status":"error","message":"This app hasn't been granted all required scopes to\
                 make this call.","correlationId":"c-1","errors":[{"message":"One or more of the\
                 following scopes are required.","context":{"requiredGranularScopes":\
                ["crm.objects.contacts.write"]}}],"category":"MISSING_SCOPES"}""")
            .orElseThrow();

    assertThat(error.category()).isEqualTo("MISSING_SCOPES");
    assertThat(error.requiredScopes()).containsExactly("crm.objects.contacts.write");
    assertThat(error.correlationId()).isEqualTo("c-1");
  }

  @Test
  void aRateLimitErrorNamesItsPolicyAndEveryFieldIsOptional() {
    assertThat(
            HubSpotError.parse(
                    "{\"status\":\"error\",\"message\":\"You have reached your daily limit.\","
                        + "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"}")
                .orElseThrow()
                .policyName())
        .isEqualTo("DAILY");
    HubSpotError bare = HubSpotError.parse("{}").orElseThrow();
    assertThat(bare.describe()).isEmpty();
    assertThat(bare.requiredScopes()).isEmpty();
    assertThat(HubSpotError.parse("<html>502 Bad Gateway</html>")).isEmpty();
    assertThat(HubSpotError.parse("")).isEmpty();
  }

  @Test
  void theHeadersGiveTheDailyUsageAndTheBurstWindow() {
    RateLimitHeaders limits =
        RateLimitHeaders.of(
            Headers.of(
                "X-HubSpot-RateLimit-Daily", "250000",
                "X-HubSpot-RateLimit-Daily-Remaining", "249000",
                "X-HubSpot-RateLimit-Interval-Milliseconds", "10000",
                "X-HubSpot-RateLimit-Max", "100",
                "X-HubSpot-RateLimit-Remaining", "0"));

    assertThat(limits.dailyUsed()).hasValue(1000);
    assertThat(limits.interval()).contains(Duration.ofSeconds(10));
    assertThat(limits.burstSpent()).isTrue();
  }

  @Test
  void withoutDailyHeadersThereIsNoUsageAndGarbageCountsAsAbsent() {
    RateLimitHeaders limits =
        RateLimitHeaders.of(
            Headers.of(
                "X-HubSpot-RateLimit-Daily", "250000",
                "X-HubSpot-RateLimit-Remaining", "many"));

    assertThat(limits.dailyUsed()).isEmpty();
    assertThat(limits.remaining()).isEmpty();
    assertThat(limits.burstSpent()).isFalse();
    assertThat(RateLimitHeaders.of(Headers.of()).interval()).isEmpty();
  }
}
