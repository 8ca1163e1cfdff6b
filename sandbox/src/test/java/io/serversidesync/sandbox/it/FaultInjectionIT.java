package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.UPSERT_CONTACTS;
import static io.serversidesync.sandbox.it.Client.V;
import static io.serversidesync.sandbox.it.Client.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.faults.FaultSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class FaultInjectionIT extends SandboxTestBase {

  private List<Integer> statuses(int calls) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      out.add(client.get(V + "/limits").status());
    }
    return out;
  }

  @Test
  void serverErrorsFollowTheSeedAndSomeAreHtml() {
    sandbox.setFaults(
        FaultSettings.none().withSeed(42).withServerErrorRate(0.3).withHtmlErrorShare(0.5));
    List<Integer> first = statuses(60);
    sandbox.setFaults(
        FaultSettings.none().withSeed(42).withServerErrorRate(0.3).withHtmlErrorShare(0.5));
    List<Integer> second = statuses(60);
    assertThat(second).as("same seed, same faults").isEqualTo(first);
    long failures = first.stream().filter(s -> s >= 500).count();
    assertThat(failures).isBetween(8L, 30L);
    assertThat(first).contains(200);

    sandbox.setFaults(
        FaultSettings.none().withSeed(7).withServerErrorRate(1.0).withHtmlErrorShare(1.0));
    Client.Reply html = client.get(V + "/limits");
    assertThat(html.status()).isEqualTo(503);
    assertThat(html.header("Content-Type")).startsWith("text/html");
    assertThat(html.text()).contains("<html>");
    sandbox.setFaults(
        FaultSettings.none().withSeed(7).withServerErrorRate(1.0).withHtmlErrorShare(0.0));
    JsonNode json = client.get(V + "/limits").json();
    assertThat(json.get(0).get("errorCode").asText())
        .isIn("SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION");
    assertThat(sandbox.stats().faults()).containsKey("SERVICE_UNAVAILABLE_HTML");
  }

  @Test
  void injectedFailuresWriteNothingAndCostNothing() {
    sandbox.setFaults(FaultSettings.none().withServerErrorRate(1.0));
    Client.Reply r =
        client.patch(
            UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\""));
    assertThat(r.status()).isGreaterThanOrEqualTo(500);
    assertThat(r.header("Sforce-Limit-Info")).isEqualTo("api-usage=0/15000");
    assertThat(sandbox.records("Contact")).isEmpty();
  }

  @Test
  void errorsAfterWritesHideAWriteThatHappened() {
    sandbox.setFaults(
        FaultSettings.none().withServerErrorAfterWriteRate(1.0).withHtmlErrorShare(0));
    Client.Reply r =
        client.patch(
            UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\""));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.json().get(0).get("errorCode").asText()).isEqualTo("UNKNOWN_EXCEPTION");
    assertThat(r.header("Sforce-Limit-Info"))
        .as("the call was made")
        .isEqualTo("api-usage=1/15000");
    assertThat(sandbox.records("Contact")).hasSize(1);
    assertThat(client.get(V + "/limits").status()).as("reads are answered").isEqualTo(200);
    Client.Reply again =
        client.patch(
            UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\""));
    assertThat(again.status()).isEqualTo(500);
    assertThat(sandbox.records("Contact")).as("redelivery by external id is harmless").hasSize(1);
    assertThat(sandbox.stats().faults()).containsEntry("INTERNAL_ERROR_AFTER_WRITE", 2L);
  }

  @Test
  void rateLimitBurstsAnswer429WithRetryAfterForTheConfiguredCalls() {
    sandbox.setFaults(FaultSettings.none().withRateLimitBursts(0, 3, 7));
    sandbox.startRateLimitBurst(3);
    for (int i = 0; i < 3; i++) {
      Client.Reply r = client.get(V + "/limits");
      assertThat(r.status()).isEqualTo(429);
      assertThat(r.header("Retry-After")).isEqualTo("7");
      assertThat(r.json().get(0).get("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    }
    assertThat(client.get(V + "/limits").status()).isEqualTo(200);

    sandbox.setFaults(FaultSettings.none().withSeed(3).withRateLimitBursts(0.2, 2, 1));
    List<Integer> a = statuses(40);
    sandbox.setFaults(FaultSettings.none().withSeed(3).withRateLimitBursts(0.2, 2, 1));
    assertThat(statuses(40)).isEqualTo(a);
    int firstBurst = a.indexOf(429);
    assertThat(firstBurst).isNotNegative();
    assertThat(a.get(firstBurst + 1)).as("a burst lasts two calls").isEqualTo(429);
  }

  @Test
  void lockRowFailuresHitSingleRecordsReproducibly() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      records.add("\"Customer_Ref__c\":\"C-" + i + "\",\"LastName\":\"L\"");
    }
    String body = contacts(false, records.toArray(String[]::new));
    sandbox.setFaults(FaultSettings.none().withSeed(11).withLockRowRate(0.1));
    JsonNode r = client.patch(UPSERT_CONTACTS, body).json();
    List<Integer> locked = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      if (!r.get(i).get("success").asBoolean()) {
        assertThat(r.get(i).get("errors").get(0).get("statusCode").asText())
            .isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(r.get(i).get("errors").get(0).get("message").asText())
            .isEqualTo("unable to obtain exclusive access to this record");
        locked.add(i);
      }
    }
    assertThat(locked.size()).isBetween(8, 40);
    assertThat(sandbox.records("Contact")).hasSize(200 - locked.size());

    sandbox.reset();
    sandbox.setFaults(FaultSettings.none().withSeed(11).withLockRowRate(0.1));
    JsonNode again = client.patch(UPSERT_CONTACTS, body).json();
    List<Integer> lockedAgain = new ArrayList<>();
    for (int i = 0; i < again.size(); i++) {
      if (!again.get(i).get("success").asBoolean()) {
        lockedAgain.add(i);
      }
    }
    assertThat(lockedAgain).isEqualTo(locked);
    assertThat(sandbox.stats().records("failed.UNABLE_TO_LOCK_ROW")).isEqualTo(locked.size());
  }

  @Test
  void tokensExpireEveryNCallsAndCanBeRevokedNow() {
    sandbox.setFaults(FaultSettings.none().withTokenExpiryEveryCalls(3));
    assertThat(statuses(3)).containsExactly(200, 200, 401);
    assertThat(statuses(1)).as("the token stays revoked").containsExactly(401);
    client.login();
    assertThat(statuses(3)).containsExactly(200, 200, 401);

    sandbox.setFaults(FaultSettings.none());
    client.login();
    assertThat(statuses(1)).containsExactly(200);
    sandbox.revokeAccessTokens();
    Client.Reply revoked = client.get(V + "/limits");
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
  }

  @Test
  void addedLatencyDelaysEachCall() {
    sandbox.setFaults(FaultSettings.none().withLatency(150, 0));
    long start = System.nanoTime();
    assertThat(client.get(V + "/limits").status()).isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
  }
}
