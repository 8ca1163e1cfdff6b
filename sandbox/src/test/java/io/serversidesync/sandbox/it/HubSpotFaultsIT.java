package io.serversidesync.sandbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.faults.FaultSettings;
import io.serversidesync.sandbox.faults.RateLimitPolicy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class HubSpotFaultsIT extends HubSpotTestBase {

  @Test
  void injectedBurstsCarryTheConfiguredPolicyAndFaultsAreHubSpotShaped() {
    sandbox.setFaults(FaultSettings.none().withRateLimitPolicy(RateLimitPolicy.SECONDLY));
    sandbox.startRateLimitBurst(2);
    for (int i = 0; i < 2; i++) {
      Client.Reply r = hubspot.upsertContacts("C-1|{}");
      assertThat(r.status()).isEqualTo(429);
      assertThat(r.json().get("policyName").asText()).isEqualTo("SECONDLY");
      assertThat(r.header("Retry-After")).isNull();
    }
    assertThat(hubspot.upsertContacts("C-1|{}").status()).isEqualTo(200);

    JsonNode set =
        admin
            .post("/__sandbox/faults", "{\"rateLimitPolicy\":\"DAILY\",\"rateLimitBurstNow\":1}")
            .json();
    assertThat(set.get("rateLimitPolicy").asText()).isEqualTo("DAILY");
    assertThat(hubspot.upsertContacts("C-1|{}").json().get("policyName").asText())
        .isEqualTo("DAILY");
    assertThat(admin.post("/__sandbox/faults", "{\"rateLimitPolicy\":\"HOURLY\"}").status())
        .isEqualTo(400);
    assertThat(sandbox.faultSettings().rateLimitPolicy()).isEqualTo(RateLimitPolicy.DAILY);

    sandbox.setFaults(FaultSettings.none().withServerErrorRate(1.0).withSeed(3));
    for (int i = 0; i < 4; i++) {
      Client.Reply r = hubspot.get("/account-info/v3/details");
      assertThat(r.status()).isIn(500, 502, 504);
      assertThat(r.json().get("status").asText()).isEqualTo("error");
      assertThat(r.header("Content-Type")).startsWith("application/json");
    }
    sandbox.setFaults(FaultSettings.none().withServerErrorAfterWriteRate(1.0));
    assertThat(hubspot.upsertContacts("LOST|{}").status()).isGreaterThanOrEqualTo(500);
    assertThat(sandbox.hubSpot().records("contacts"))
        .as("the write happened")
        .anyMatch(r -> "LOST".equals(r.value("customer_ref")));
  }

  @Test
  void latencyApplies() {
    sandbox.setFaults(FaultSettings.none().withLatency(150, 0));
    long start = System.nanoTime();
    assertThat(hubspot.get("/account-info/v3/details").status()).isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
  }
}
