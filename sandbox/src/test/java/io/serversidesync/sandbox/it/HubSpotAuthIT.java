package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.HubSpotClient.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class HubSpotAuthIT extends HubSpotTestBase {

  @Test
  void aBadOrMissingTokenIsAnswered401() {
    hubspot.token = "pat-na1-wrong";
    Client.Reply bad = hubspot.upsertContacts("C-1|{}");
    assertThat(bad.status()).isEqualTo(401);
    JsonNode body = bad.json();
    assertThat(body.get("status").asText()).isEqualTo("error");
    assertThat(body.get("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
    assertThat(body.get("message").asText()).startsWith("Authentication credentials not found.");
    assertThat(body.get("correlationId").asText()).hasSize(36);
    assertThat(bad.header("X-HubSpot-RateLimit-Remaining")).as("errors carry headers").isNotNull();

    hubspot.token = null;
    assertThat(hubspot.get("/crm/v3/properties/contacts").status()).isEqualTo(401);
    assertThat(sandbox.hubSpot().records("contacts")).isEmpty();
    assertThat(sandbox.stats().hubSpotCalls()).as("401s count too").isEqualTo(2);
  }

  @Test
  void aMissingScopeIsAnswered403NamingTheScope() {
    sandbox
        .hubSpot()
        .setToken(
            "pat-na1-readonly", Set.of("crm.objects.contacts.read", "crm.schemas.contacts.read"));
    hubspot.token = "pat-na1-readonly";
    Client.Reply r = hubspot.upsertContacts("C-1|{}");
    assertThat(r.status()).isEqualTo(403);
    JsonNode body = r.json();
    assertThat(body.get("category").asText()).isEqualTo("MISSING_SCOPES");
    assertThat(body.get("message").asText())
        .startsWith("This app hasn't been granted all required scopes");
    assertThat(body.get("errors").get(0).get("context").get("requiredGranularScopes"))
        .extracting(JsonNode::asText)
        .containsExactly("crm.objects.contacts.write");

    assertThat(hubspot.post(CONTACTS + "/search", "{}").status()).isEqualTo(200);
    Client.Reply companies = hubspot.get("/crm/v3/properties/companies");
    assertThat(companies.status()).isEqualTo(403);
    assertThat(
            companies
                .json()
                .get("errors")
                .get(0)
                .get("context")
                .get("requiredGranularScopes")
                .get(0)
                .asText())
        .isEqualTo("crm.schemas.companies.read");
    assertThat(hubspot.get("/account-info/v3/details").status())
        .as("account-info needs no scope")
        .isEqualTo(200);
  }

  @Test
  void revokingTokensThroughTheFaultsDoorRevokesTheHubSpotTokenTooUntilReset() {
    assertThat(hubspot.upsertContacts("C-1|{}").status()).isEqualTo(200);
    admin.post("/__sandbox/faults", "{\"revokeTokensNow\":true}");
    assertThat(hubspot.upsertContacts("C-1|{}").status()).isEqualTo(401);
    JsonNode token =
        admin
            .post(
                "/__sandbox/hubspot/token",
                "{\"token\":\"pat-na1-new\",\"scopes\":[\"crm.objects.contacts.read\"]}")
            .json();
    assertThat(token.get("token").asText()).isEqualTo("pat-na1-new");
    hubspot.token = "pat-na1-new";
    assertThat(hubspot.post(CONTACTS + "/batch/read", "{\"inputs\":[]}").status()).isEqualTo(200);
    assertThat(hubspot.upsertContacts("C-1|{}").status()).isEqualTo(403);
    admin.post("/__sandbox/reset", "");
    assertThat(hubspot.upsertContacts("C-1|{}").status()).isEqualTo(401);
    hubspot.token = "pat-na1-sandbox-token";
    assertThat(hubspot.upsertContacts("C-1|{}").status()).isEqualTo(200);
  }
}
