package io.serversidesync.operator.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A stand-in runner: started with the manifest the operator mounted (read by the launcher with the
 * API's own strict reader, so a manifest the real runner would reject fails here too), it checks
 * the Secrets are mounted, and serves /status, /healthz and /readyz from a status the test scripts.
 */
public final class FakeRunner implements RunnerLauncher.RunningRunner {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final PodContext pod;
  private final ServerSideSync manifest;
  private final HttpServer server;
  private final AtomicReference<RunnerStatus> status;
  private final AtomicInteger statusReads = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  FakeRunner(PodContext pod, ServerSideSync manifest, RunnerStatus initial) throws IOException {
    this.pod = pod;
    this.manifest = manifest;
    for (var ref : io.serversidesync.operator.validation.SecretReferences.of(manifest.getSpec())) {
      if (ref.required()
          && !Files.exists(pod.secretsDir().resolve(ref.secret()).resolve(ref.key()))) {
        throw new IOException("Secret " + ref.secret() + "/" + ref.key() + " is not mounted");
      }
    }
    this.status = new AtomicReference<>(initial);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        RunnerContract.STATUS_PATH,
        exchange -> {
          statusReads.incrementAndGet();
          send(exchange, 200, JSON.writeValueAsBytes(status.get()));
        });
    server.createContext(
        RunnerContract.LIVENESS_PATH, exchange -> send(exchange, 200, new byte[0]));
    server.createContext(
        RunnerContract.READINESS_PATH,
        exchange -> send(exchange, status.get().ready() ? 200 : 503, new byte[0]));
    server.start();
  }

  /** The manifest this runner was started with. */
  public ServerSideSync manifest() {
    return manifest;
  }

  public PodContext pod() {
    return pod;
  }

  public RunnerStatus status() {
    return status.get();
  }

  /** Changes what /status reports. */
  public void update(UnaryOperator<RunnerStatus> change) {
    status.updateAndGet(change);
  }

  /** How many times /status was read. */
  public int statusReads() {
    return statusReads.get();
  }

  @Override
  public int statusPort() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
    }
  }

  private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }
}
