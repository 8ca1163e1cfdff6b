package io.serversidesync.runner.destination.salesforce;

import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.DATA;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.json;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.successes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.WriteOperation;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SalesforceAuthTest {

  private final SalesforceFixture sf;

  SalesforceAuthTest() throws Exception {
    sf = new SalesforceFixture();
  }

  @AfterEach
  void stop() throws Exception {
    sf.close();
  }

  private static final String COLLECTIONS = DATA + "/composite/sobjects/Contact/Customer_Ref__c";

  @Test
  void clientCredentialsPostsTheFormToTheLoginUrlAndTheTokenIsReused() throws Exception {
    sf.routes.on("PATCH", COLLECTIONS, r -> json(200, successes(1)));
    SalesforceDestination destination = sf.destination();
    destination.preflight(List.of("Customer_Ref__c", "LastName"));
    destination.write(
        destination.deliveryPaths().get(0), WriteOperation.UPSERT, SalesforceFixture.contacts(1));
    destination.write(
        destination.deliveryPaths().get(0), WriteOperation.UPSERT, SalesforceFixture.contacts(1));

    List<RecordedRequest> tokenRequests = sf.routes.requests("POST", "/services/oauth2/token");
    assertThat(tokenRequests).hasSize(1);
    assertThat(tokenRequests.get(0).getBody().readUtf8())
        .isEqualTo(
            "grant_type=client_credentials&client_id=the-client-id&client_secret="
                + SalesforceFixture.SECRET_VALUE);
    assertThat(tokenRequests.get(0).getHeader("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    for (RecordedRequest data : sf.routes.requests("PATCH", COLLECTIONS)) {
      assertThat(data.getHeader("Authorization")).isEqualTo("Bearer token-1");
    }
    assertThat(sf.telemetry.calls("oauth-token")).isEqualTo(1);
  }

  @Test
  void anExpiredSessionGetsOneNewTokenAndTheRequestIsRepeated() throws Exception {
    sf.routes.onSequence(
        "POST", "/services/oauth2/token", sf.token("token-1"), sf.token("token-2"));
    sf.routes.on(
        "PATCH",
        COLLECTIONS,
        r ->
            "Bearer token-1".equals(r.getHeader("Authorization"))
                ? json(
                    401,
                    "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")
                : json(200, successes(1)));
    SalesforceDestination destination = sf.destination();

    var result =
        destination.write(
            destination.deliveryPaths().get(0),
            WriteOperation.UPSERT,
            SalesforceFixture.contacts(1));

    assertThat(result.outcomes()).hasSize(1);
    assertThat(sf.routes.requests("POST", "/services/oauth2/token")).hasSize(2);
    assertThat(sf.routes.requests("PATCH", COLLECTIONS)).hasSize(2);
  }

  @Test
  void aSessionRejectedEvenWithAFreshTokenIsACredentialsErrorNamingTheSecret() throws Exception {
    sf.routes.on(
        "GET",
        DATA + "/sobjects/Contact/describe",
        r ->
            json(
                401,
                "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"));
    SalesforceDestination destination = sf.destination();

    assertThatThrownBy(() -> destination.preflight(List.of("Customer_Ref__c")))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
              assertThat(e.reason()).isEqualTo("CredentialsRejected");
              assertThat(e.getMessage())
                  .startsWith(
                      "Salesforce rejected the credentials in Secret sf-oauth: INVALID_SESSION_ID")
                  .doesNotContain(SalesforceFixture.SECRET_VALUE)
                  .doesNotContain("token-1");
            });
    // Refreshed once, not in a loop.
    assertThat(sf.routes.requests("POST", "/services/oauth2/token")).hasSize(2);
    assertThat(sf.routes.requests("GET", DATA + "/sobjects/Contact/describe")).hasSize(2);
  }

  @Test
  void rejectedClientCredentialsGiveAConditionReadyMessageAndRecoverWhenTheSecretIsFixed()
      throws Exception {
    sf.routes.on(
        "POST",
        "/services/oauth2/token",
        r ->
            r.getBody().readUtf8().contains("client_secret=right")
                ? sf.token("token-ok")
                : json(
                    400,
                    "{\"error\":\"invalid_client\",\"error_description\":\"invalid client"
                        + " credentials\"}"));
    SalesforceDestination destination = sf.destination();

    assertThatThrownBy(() -> destination.preflight(List.of("Customer_Ref__c")))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
              assertThat(e.getMessage())
                  .startsWith(
                      "Salesforce rejected the credentials in Secret sf-oauth: invalid_client"
                          + " (invalid client credentials)")
                  .contains("clientId and clientSecret")
                  .doesNotContain(SalesforceFixture.SECRET_VALUE);
            });

    sf.secret.put("clientSecret", "right");
    destination.preflight(List.of("Customer_Ref__c"));
    assertThat(
            sf.routes
                .requests("GET", DATA + "/sobjects/Contact/describe")
                .get(0)
                .getHeader("Authorization"))
        .isEqualTo("Bearer token-ok");
  }

  /** A token response that would send every data call, token included, in clear text. */
  @Test
  void aPlainHttpInstanceUrlOfAnotherHostIsRefused() throws Exception {
    sf.routes.on(
        "POST",
        "/services/oauth2/token",
        r ->
            json(
                200,
                "{\"access_token\":\"t1\",\"instance_url\":\"http://na1.example.com\","
                    + "\"token_type\":\"Bearer\"}"));
    SalesforceDestination destination = sf.destination();
    assertThatThrownBy(() -> destination.preflight(List.of("Customer_Ref__c")))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DestinationException.Kind.CONFIGURATION);
              assertThat(e.reason()).isEqualTo("InsecureInstanceUrl");
            })
        .hasMessageContaining("http://na1.example.com")
        .hasMessageContaining("clear text");
    assertThat(sf.routes.requests("GET", DATA + "/sobjects/Contact/describe")).isEmpty();
  }

  @Test
  void theLoginHostInsteadOfMyDomainIsExplained() throws Exception {
    sf.routes.on(
        "POST",
        "/services/oauth2/token",
        r ->
            json(
                400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"request not supported on"
                    + " this domain\"}"));
    SalesforceDestination destination = sf.destination();
    assertThatThrownBy(() -> destination.preflight(List.of("Customer_Ref__c")))
        .hasMessageContaining("invalid_grant (request not supported on this domain)")
        .hasMessageContaining("My Domain URL");
  }

  @Test
  void aMissingSecretKeyIsReportedWhenTheDestinationIsBuilt() {
    sf.secret.remove("clientSecret");
    assertThatThrownBy(sf::destination)
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Secret sf-oauth has no value for key clientSecret, which the"
                          + " ClientCredentials flow needs; add it to the Secret");
            });
    assertThat(sf.telemetry.calls()).isEmpty();
  }

  @Test
  void refreshTokenFlowSendsTheTokenAndUsesARotatedOneAfterwards() throws Exception {
    sf.settings = withFlow(sf.settings, AuthFlow.RefreshToken);
    sf.secret.remove("clientSecret");
    sf.secret.put("refreshToken", "refresh-A");
    sf.routes.onSequence(
        "POST",
        "/services/oauth2/token",
        json(
            200,
            "{\"access_token\":\"t1\",\"instance_url\":\""
                + sf.server.url("/")
                + "\",\"refresh_token\":\"refresh-B\"}"),
        sf.token("t2"));
    sf.routes.on(
        "GET",
        DATA + "/sobjects/Contact/describe",
        r ->
            "Bearer t1".equals(r.getHeader("Authorization"))
                ? json(401, "[{\"errorCode\":\"INVALID_SESSION_ID\",\"message\":\"expired\"}]")
                : json(200, SalesforceFixture.CONTACT_DESCRIBE));
    sf.destination().preflight(List.of("Customer_Ref__c"));

    List<RecordedRequest> tokens = sf.routes.requests("POST", "/services/oauth2/token");
    assertThat(tokens.get(0).getBody().readUtf8())
        .isEqualTo("grant_type=refresh_token&refresh_token=refresh-A&client_id=the-client-id");
    assertThat(tokens.get(1).getBody().readUtf8()).contains("refresh_token=refresh-B");
  }

  @Test
  void aTokenEndpointThatDoesNotExistPointsAtTheLoginUrl() throws Exception {
    sf.routes.on("POST", "/services/oauth2/token", r -> json(404, "not here"));
    SalesforceDestination destination = sf.destination();
    assertThatThrownBy(() -> destination.preflight(List.of("Customer_Ref__c")))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
              assertThat(e.getMessage()).startsWith("spec.destination.salesforce.loginUrl:");
            });
  }

  static SalesforceSettings withFlow(SalesforceSettings s, AuthFlow flow) {
    return with(s, s.apiVersion(), flow);
  }

  static SalesforceSettings withApiVersion(SalesforceSettings s, String apiVersion) {
    return with(s, apiVersion, s.flow());
  }

  private static SalesforceSettings with(SalesforceSettings s, String apiVersion, AuthFlow flow) {
    return s.toBuilder().apiVersion(apiVersion).flow(flow).build();
  }
}
