package io.serversidesync.runner.destination.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The HTTP client a destination talks through: the pod's proxy, the destination's timeouts, no
 * silent retries (retries are the runner's, with accounting), and idle connections dropped before a
 * server closes them under the runner.
 */
public final class HttpClients {

  /**
   * How long an idle connection is kept for reuse. Servers and load balancers close idle
   * connections (the JDK's HTTP server after 30 s, many load balancers after 60 s); without silent
   * retries, a request sent on such a connection fails with "unexpected end of stream", and a
   * reverse loop backing off longer than the server's idle timeout then failed on every pooled
   * connection in turn (found by the full two-way chaos run).
   */
  public static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

  private static final int MAX_IDLE_CONNECTIONS = 5;

  private HttpClients() {}

  public static OkHttpClient.Builder builder(
      ProxyEnvironment proxy, Duration connectTimeout, Duration readTimeout) {
    return builder(proxy, connectTimeout, readTimeout, KEEP_ALIVE);
  }

  static OkHttpClient.Builder builder(
      ProxyEnvironment proxy, Duration connectTimeout, Duration readTimeout, Duration keepAlive) {
    return proxy
        .applyTo(new OkHttpClient.Builder())
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .writeTimeout(readTimeout)
        .connectionPool(
            new ConnectionPool(MAX_IDLE_CONNECTIONS, keepAlive.toMillis(), TimeUnit.MILLISECONDS))
        .retryOnConnectionFailure(false)
        .followRedirects(false);
  }
}
