package io.serversidesync.runner.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.serversidesync.api.runner.RunnerContract;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP on the status port: /status (the RunnerStatus JSON the operator reads), /metrics
 * (Prometheus), /healthz (the process is alive) and /readyz (200 only while streaming normally).
 */
public final class StatusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;

  private StatusServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** The address the server is bound to. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Starts serving on {@code address}:{@code port} (0 picks a free port; address 0.0.0.0: every
   * interface, as a pod needs for its probes and the operator).
   */
  public static StatusServer start(
      String address, int port, RunnerState state, RunnerMetrics metrics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
    server.createContext(
        RunnerContract.STATUS_PATH,
        exchange ->
            respond(exchange, 200, "application/json", JSON.writeValueAsString(state.snapshot())));
    server.createContext(
        RunnerContract.METRICS_PATH,
        exchange ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.createContext(
        RunnerContract.LIVENESS_PATH, exchange -> respond(exchange, 200, "text/plain", "ok\n"));
    server.createContext(
        RunnerContract.READINESS_PATH,
        exchange -> {
          boolean ready = state.ready();
          respond(
              exchange,
              ready ? 200 : 503,
              "text/plain",
              ready ? "ready\n" : "not ready: " + state.snapshot().message() + "\n");
        });
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "status-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new StatusServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
