package io.serversidesync.runner.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY as curl reads them: the JVM ignores them, so without this a
 * runner behind a corporate proxy could not reach its destination at all.
 */
class ProxyEnvironmentTest {

  private static String hostOf(Proxy proxy) {
    return ((InetSocketAddress) proxy.address()).getHostString()
        + ":"
        + ((InetSocketAddress) proxy.address()).getPort();
  }

  @Test
  void httpsAndHttpDestinationsUseTheirOwnVariableLowerCaseFirst() {
    ProxyEnvironment env =
        ProxyEnvironment.from(
            Map.of(
                "HTTPS_PROXY", "http://upper:3128",
                "https_proxy", "http://lower:3128",
                "HTTP_PROXY", "plain:8080"));
    assertThat(hostOf(env.proxyFor(HttpUrl.get("https://acme.my.salesforce.com/x"))))
        .isEqualTo("lower:3128");
    assertThat(hostOf(env.proxyFor(HttpUrl.get("http://api.example:9/x")))).isEqualTo("plain:8080");
    for (String loopback :
        new String[] {"http://127.0.0.1:9/", "http://localhost/", "http://[::1]/"}) {
      assertThat(env.proxyFor(HttpUrl.get(loopback)))
          .as("this machine is reached directly: " + loopback)
          .isEqualTo(Proxy.NO_PROXY);
    }
    assertThat(ProxyEnvironment.from(Map.of()).configured()).isFalse();
    assertThat(ProxyEnvironment.from(Map.of()).proxyFor(HttpUrl.get("https://a.b/")))
        .isEqualTo(Proxy.NO_PROXY);
  }

  @Test
  void noProxyTakesDomainsAddressesRangesAndStar() {
    ProxyEnvironment env =
        ProxyEnvironment.from(
            Map.of(
                "HTTPS_PROXY",
                "http://proxy:3128",
                "NO_PROXY",
                "internal.corp, .svc,10.0.0.0/8,[fd00::]/8,192.168.1.7,db.local:5432,cafe:80"));
    for (String direct :
        new String[] {
          "https://internal.corp/",
          "https://api.internal.corp/",
          "https://sandbox.apps.svc/",
          "https://10.1.2.3/",
          "https://[fd12::1]/",
          "https://192.168.1.7/",
          "https://db.local/",
          "https://cafe/"
        }) {
      assertThat(env.proxyFor(HttpUrl.get(direct))).as(direct).isEqualTo(Proxy.NO_PROXY);
    }
    for (String proxied :
        new String[] {
          "https://acme.my.salesforce.com/",
          "https://notinternal.corp/",
          "https://11.1.2.3/",
          "https://192.168.1.8/",
          "https://[fe80::1]/"
        }) {
      assertThat(env.proxyFor(HttpUrl.get(proxied))).as(proxied).isNotEqualTo(Proxy.NO_PROXY);
    }
    ProxyEnvironment star =
        ProxyEnvironment.from(Map.of("HTTPS_PROXY", "http://proxy:3128", "no_proxy", "*"));
    assertThat(star.proxyFor(HttpUrl.get("https://acme.my.salesforce.com/")))
        .isEqualTo(Proxy.NO_PROXY);
  }

  @Test
  void aMalformedVariableIsNamedWithWhatToWrite() {
    assertThatThrownBy(() -> ProxyEnvironment.from(Map.of("HTTPS_PROXY", "socks5://proxy:1080")))
        .hasMessage(
            "HTTPS_PROXY: only http:// proxies are supported (https destinations are tunnelled"
                + " through them with CONNECT); got socks5://");
    assertThatThrownBy(() -> ProxyEnvironment.from(Map.of("HTTP_PROXY", "http://")))
        .hasMessageStartingWith("HTTP_PROXY: not a proxy URL; write http://host:port");
    assertThatThrownBy(
            () ->
                ProxyEnvironment.from(
                    Map.of("HTTPS_PROXY", "http://proxy:3128", "NO_PROXY", "10.0.0.0/40")))
        .hasMessage("NO_PROXY: \"10.0.0.0/40\" has a prefix length out of range");
  }

  @Test
  void requestsGoThroughTheProxyWhichGetsTheCredentialsOfItsUrlAfterA407() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.enqueue(
          new MockResponse().setResponseCode(407).addHeader("Proxy-Authenticate", "Basic"));
      proxy.enqueue(new MockResponse().setBody("through"));
      proxy.start();
      ProxyEnvironment env =
          ProxyEnvironment.from(
              Map.of(
                  "HTTP_PROXY",
                  "http://sync:pa%24s@" + proxy.getHostName() + ":" + proxy.getPort()));
      OkHttpClient client = env.applyTo(new OkHttpClient.Builder()).build();

      try (Response response =
          client
              .newCall(new Request.Builder().url("http://destination.example/services/x").build())
              .execute()) {
        assertThat(response.body().string()).isEqualTo("through");
      }

      RecordedRequest first = proxy.takeRequest();
      assertThat(first.getRequestLine())
          .isEqualTo("GET http://destination.example/services/x HTTP/1.1");
      assertThat(first.getHeader("Proxy-Authorization")).isNull();
      RecordedRequest second = proxy.takeRequest();
      assertThat(second.getHeader("Proxy-Authorization"))
          .isEqualTo(okhttp3.Credentials.basic("sync", "pa$s"));
      assertThat(env.describe()).doesNotContain("pa$s").doesNotContain("pa%24s");
    }
  }

  @Test
  void withoutCredentialsThe407ReachesTheCaller() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.enqueue(
          new MockResponse().setResponseCode(407).addHeader("Proxy-Authenticate", "Basic"));
      proxy.start();
      OkHttpClient client =
          ProxyEnvironment.from(Map.of("HTTP_PROXY", proxy.url("/").toString()))
              .applyTo(new OkHttpClient.Builder())
              .build();
      try (Response response =
          client
              .newCall(new Request.Builder().url("http://destination.example/").build())
              .execute()) {
        assertThat(response.code()).isEqualTo(407);
      }
      assertThat(proxy.getRequestCount()).isEqualTo(1);
    }
  }
}
