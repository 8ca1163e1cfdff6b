package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.UPSERT_CONTACTS;
import static io.serversidesync.sandbox.it.Client.V;
import static io.serversidesync.sandbox.it.Client.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class AdminApiIT extends SandboxTestBase {

  @Test
  void faultsAreSetByJsonAndUnknownSettingsAreRefused() {
    JsonNode set =
        client
            .post("/__sandbox/faults", "{\"serverErrorRate\":1.0,\"htmlErrorShare\":0,\"seed\":5}")
            .json();
    assertThat(set.get("serverErrorRate").asDouble()).isEqualTo(1.0);
    assertThat(set.get("seed").asLong()).isEqualTo(5);
    assertThat(client.get(V + "/limits").status()).isIn(500, 503);
    assertThat(client.get("/__sandbox/faults").json().get("htmlErrorShare").asDouble()).isZero();

    Client.Reply unknown = client.post("/__sandbox/faults", "{\"chaos\":true}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get(0).get("message").asText())
        .contains("Unknown fault setting 'chaos'");
    Client.Reply invalid = client.post("/__sandbox/faults", "{\"lockRowRate\":2}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get(0).get("message").asText())
        .contains("lockRowRate must be between 0 and 1");

    client.post(
        "/__sandbox/faults",
        "{\"serverErrorRate\":0,\"rateLimitBurstNow\":1,\"retryAfterSeconds\":4}");
    Client.Reply limited = client.get(V + "/limits");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("4");
    client.post("/__sandbox/faults", "{\"revokeTokensNow\":true}");
    assertThat(client.get(V + "/limits").status()).isEqualTo(401);
  }

  @Test
  void statsRecordsResetClockAndUsage() {
    client.patch(
        UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"A\""));
    client.get(V + "/limits");
    JsonNode stats = client.get("/__sandbox/stats").json();
    assertThat(stats.get("calls").get("composite.sobjects.upsert").asInt()).isEqualTo(1);
    assertThat(stats.get("calls").get("limits").asInt()).isEqualTo(1);
    assertThat(stats.get("records").get("created").asInt()).isEqualTo(1);
    assertThat(stats.get("apiUsage").get("used").asInt()).isEqualTo(2);
    assertThat(stats.get("tokens").get("issued").asInt()).isEqualTo(1);
    assertThat(sandbox.stats().dataApiCalls()).isEqualTo(2);
    assertThat(sandbox.stats().calls("oauth.token")).isEqualTo(1);

    JsonNode dump = client.get("/__sandbox/records/Contact").json();
    assertThat(dump.get("totalSize").asInt()).isEqualTo(1);
    assertThat(dump.get("records").get(0).get("LastName").asText()).isEqualTo("A");
    assertThat(client.get("/__sandbox/records/Nope").status()).isEqualTo(404);

    JsonNode frozen =
        client.post("/__sandbox/clock", "{\"freezeAt\":\"2030-01-01T00:00:00Z\"}").json();
    assertThat(frozen.get("now").asText()).isEqualTo("2030-01-01T00:00:00.000+0000");
    assertThat(frozen.get("frozen").asBoolean()).isTrue();
    JsonNode later = client.post("/__sandbox/clock", "{\"advanceSeconds\":90}").json();
    assertThat(later.get("now").asText()).isEqualTo("2030-01-01T00:01:30.000+0000");
    client.login(); // four years without use expired the session
    client.patch(
        UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-2\",\"LastName\":\"B\""));
    assertThat(
            client
                .get("/__sandbox/records/Contact")
                .json()
                .get("records")
                .get(1)
                .get("SystemModstamp")
                .asText())
        .isEqualTo("2030-01-01T00:01:30.000+0000");

    JsonNode usage =
        client.post("/__sandbox/usage", "{\"otherUsage\":14000,\"dailyApiLimit\":14005}").json();
    assertThat(usage.get("max").asInt()).isEqualTo(14005);
    assertThat(client.get(V + "/limits").header("Sforce-Limit-Info")).startsWith("api-usage=1400");

    JsonNode reset = client.post("/__sandbox/reset", "").json();
    assertThat(reset.get("calls")).isEmpty();
    assertThat(sandbox.records("Contact")).isEmpty();
    assertThat(client.get(V + "/limits").status()).as("tokens survive a reset").isEqualTo(200);
    client.token = sandbox.issueAccessToken();
    assertThat(client.get(V + "/limits").status())
        .as("a token issued programmatically")
        .isEqualTo(200);
  }
}
