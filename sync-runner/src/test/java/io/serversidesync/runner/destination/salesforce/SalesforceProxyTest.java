package io.serversidesync.runner.destination.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serversidesync.runner.destination.DestinationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The Salesforce destination sends every call through the proxy its environment names. */
class SalesforceProxyTest {

  private static final List<String> FIELDS = List.of("Customer_Ref__c", "LastName", "Email");

  @Test
  void callsGoThroughTheProxyButThisMachineIsReachedDirectly() throws Exception {
    try (SalesforceFixture sf = new SalesforceFixture();
        MockWebServer proxy = new MockWebServer()) {
      proxy.setDispatcher(
          new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse().setResponseCode(502).setBody("proxy says no");
            }
          });
      proxy.start();
      Map<String, String> env = Map.of("HTTP_PROXY", proxy.url("/").toString());

      // A local sandbox (the fixture, on loopback) is reached directly even with a proxy set.
      sf.destination(env).preflight(FIELDS);
      assertThat(proxy.getRequestCount()).isZero();

      // Another host goes through the proxy, whose answer is the one the runner gets.
      sf.settings = copyWithLoginUrl(sf.settings, HttpUrl.get("http://login.example.test/"));
      DestinationException viaProxy =
          catchThrowableOfType(
              DestinationException.class, () -> sf.destination(env).preflight(FIELDS));
      assertThat(viaProxy).isNotNull();
      RecordedRequest token = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertThat(token).isNotNull();
      assertThat(token.getRequestLine())
          .isEqualTo("POST http://login.example.test/services/oauth2/token HTTP/1.1");
    }
  }

  private static SalesforceSettings copyWithLoginUrl(SalesforceSettings s, HttpUrl loginUrl) {
    return s.withLoginUrl(loginUrl);
  }

  @Test
  void aMalformedProxyStopsTheRunnerNamingTheVariable() throws Exception {
    try (SalesforceFixture sf = new SalesforceFixture()) {
      DestinationException e =
          catchThrowableOfType(
              DestinationException.class,
              () -> sf.destination(Map.of("HTTPS_PROXY", "socks5://proxy:1080")));
      assertThat(e.kind()).isEqualTo(DestinationException.Kind.CONFIGURATION);
      assertThat(e.reason()).isEqualTo("InvalidProxy");
      assertThat(e.getMessage())
          .startsWith("HTTPS_PROXY: only http:// proxies are supported")
          .endsWith("(set in the runner's environment, e.g. spec.runner.pod.env)");
    }
  }
}
