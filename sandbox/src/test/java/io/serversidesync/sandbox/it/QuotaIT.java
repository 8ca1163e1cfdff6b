package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.UPSERT_CONTACTS;
import static io.serversidesync.sandbox.it.Client.V;
import static io.serversidesync.sandbox.it.Client.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.SandboxConfig;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class QuotaIT extends SandboxTestBase {

  @Override
  SandboxConfig.Builder config() {
    return SandboxConfig.builder().dailyApiLimit(100).otherUsage(90);
  }

  @Test
  void everyDataCallCostsOneAndCarriesTheLimitHeader() {
    assertThat(client.get(V + "/limits").header("Sforce-Limit-Info")).isEqualTo("api-usage=91/100");
    Client.Reply upsert =
        client.patch(
            UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\""));
    assertThat(upsert.header("Sforce-Limit-Info")).isEqualTo("api-usage=92/100");
    Client.Reply bad = client.get(V + "/query?q=SELECT+Nope+FROM+Contact");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.header("Sforce-Limit-Info")).isEqualTo("api-usage=93/100");
    client.get("/services/data/");
    JsonNode limits = client.get(V + "/limits").json();
    assertThat(limits.get("DailyApiRequests").get("Max").asInt()).isEqualTo(100);
    assertThat(limits.get("DailyApiRequests").get("Remaining").asInt())
        .as("versions cost nothing")
        .isEqualTo(6);
    assertThat(sandbox.stats().tokens()).containsEntry("issued", 1L);
  }

  @Test
  void spentAllocationAnswers403UntilTheRollingWindowFrees() {
    for (int i = 0; i < 10; i++) {
      assertThat(client.get(V + "/limits").status()).isEqualTo(200);
    }
    Client.Reply refused = client.get(V + "/limits");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text())
        .isEqualTo(
            "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    assertThat(refused.header("Sforce-Limit-Info")).isEqualTo("api-usage=100/100");
    Client.Reply write =
        client.patch(
            UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\""));
    assertThat(write.status()).isEqualTo(403);
    assertThat(sandbox.records("Contact")).as("a refused call writes nothing").isEmpty();

    sandbox.usage().requests().setOtherUsage(0);
    sandbox.clock().advance(Duration.ofHours(24).plusMinutes(1));
    client.login(); // a day without use expired the session too
    assertThat(client.get(V + "/limits").header("Sforce-Limit-Info")).isEqualTo("api-usage=1/100");
  }

  @Test
  void tokenRequestsCountOnlyWhenConfigured() throws Exception {
    sandbox.close();
    sandbox =
        io.serversidesync.sandbox.Sandbox.start(
            SandboxConfig.builder().countTokenRequests(true).build());
    client = new Client(sandbox).login();
    assertThat(client.get(V + "/limits").header("Sforce-Limit-Info"))
        .isEqualTo("api-usage=2/15000");
  }
}
