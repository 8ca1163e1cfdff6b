package io.serversidesync.runner.destination.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The outbound proxy the environment names, read as curl reads it: HTTPS_PROXY for https
 * destinations, HTTP_PROXY for http ones (lower-case names first), NO_PROXY for hosts to reach
 * directly; loopback addresses are always reached directly. The JVM itself ignores these variables;
 * without this a pod behind a corporate proxy would time out. Only http:// proxies are supported
 * (TLS to the destination is tunnelled through CONNECT); user and password in the proxy URL are
 * sent as Basic proxy credentials.
 */
public final class ProxyEnvironment {

  // This machine is never reached through a proxy (as Go's net/http decides): a local sandbox or
  // tunnel must keep working in a shell that exports a corporate proxy.
  private static final List<NoProxyRule> LOOPBACK =
      List.of(
          NoProxyRule.parse("localhost"),
          NoProxyRule.parse("127.0.0.0/8"),
          NoProxyRule.parse("::1"));

  private final HttpUrl https;
  private final HttpUrl http;
  private final List<NoProxyRule> noProxy;

  private ProxyEnvironment(HttpUrl https, HttpUrl http, List<NoProxyRule> noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = List.copyOf(noProxy);
  }

  /**
   * Reads the variables.
   *
   * @throws IllegalArgumentException naming the variable and what to write, when one is malformed
   */
  public static ProxyEnvironment from(Map<String, String> env) {
    HttpUrl https = proxy(env, "https_proxy", "HTTPS_PROXY");
    HttpUrl http = proxy(env, "http_proxy", "HTTP_PROXY");
    List<NoProxyRule> rules = new ArrayList<>();
    Optional<Map.Entry<String, String>> noProxy = variable(env, "no_proxy", "NO_PROXY");
    if (noProxy.isPresent()) {
      for (String entry : noProxy.get().getValue().split(",")) {
        if (!entry.isBlank()) {
          try {
            rules.add(NoProxyRule.parse(entry));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(noProxy.get().getKey() + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return new ProxyEnvironment(https, http, rules);
  }

  /** Whether any proxy is configured. */
  public boolean configured() {
    return https != null || http != null;
  }

  /** The proxy a request to {@code url} goes through, or {@link Proxy#NO_PROXY}. */
  public Proxy proxyFor(HttpUrl url) {
    HttpUrl proxy = url.isHttps() ? https : http;
    if (proxy == null
        || LOOPBACK.stream().anyMatch(r -> r.matches(url.host()))
        || noProxy.stream().anyMatch(r -> r.matches(url.host()))) {
      return Proxy.NO_PROXY;
    }
    return new Proxy(
        Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port()));
  }

  /** Routes the client's requests as the variables say and answers the proxy's 407. */
  public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
    if (!configured()) {
      return builder;
    }
    return builder
        .proxySelector(
            new ProxySelector() {
              @Override
              public List<Proxy> select(URI uri) {
                HttpUrl url = HttpUrl.get(uri);
                return List.of(url == null ? Proxy.NO_PROXY : proxyFor(url));
              }

              @Override
              public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // OkHttp reports the failure itself; there is no other proxy to fall back on
              }
            })
        .proxyAuthenticator(
            (route, response) -> {
              HttpUrl proxy = response.request().url().isHttps() ? https : http;
              if (proxy == null
                  || proxy.username().isEmpty()
                  || response.request().header("Proxy-Authorization") != null) {
                return null; // no credentials, or the proxy refused them: give up, report 407
              }
              return response
                  .request()
                  .newBuilder()
                  .header(
                      "Proxy-Authorization", Credentials.basic(proxy.username(), proxy.password()))
                  .build();
            });
  }

  /** One line for the log: where calls go, never the credentials. */
  public String describe() {
    if (!configured()) {
      return "destination calls go directly (no HTTPS_PROXY or HTTP_PROXY)";
    }
    return "destination calls go through "
        + (https == null ? "" : "https: " + https.host() + ":" + https.port() + " ")
        + (http == null ? "" : "http: " + http.host() + ":" + http.port() + " ")
        + "(NO_PROXY entries: "
        + noProxy.size()
        + ")";
  }

  private static HttpUrl proxy(Map<String, String> env, String lower, String upper) {
    Optional<Map.Entry<String, String>> variable = variable(env, lower, upper);
    if (variable.isEmpty()) {
      return null;
    }
    String name = variable.get().getKey();
    String value = variable.get().getValue().trim();
    String withScheme = value.contains("://") ? value : "http://" + value;
    if (!withScheme.startsWith("http://")) {
      throw new IllegalArgumentException(
          name
              + ": only http:// proxies are supported (https destinations are tunnelled through"
              + " them with CONNECT); got "
              + withScheme.substring(0, withScheme.indexOf("://") + 3));
    }
    HttpUrl url = HttpUrl.parse(withScheme);
    if (url == null) {
      throw new IllegalArgumentException(
          name + ": not a proxy URL; write http://host:port, e.g. http://proxy.corp:3128");
    }
    return url;
  }

  private static Optional<Map.Entry<String, String>> variable(
      Map<String, String> env, String lower, String upper) {
    for (String name : List.of(lower, upper)) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(Map.entry(name, value));
      }
    }
    return Optional.empty();
  }
}
