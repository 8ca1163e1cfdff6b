package io.serversidesync.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP server bound to loopback with a bounded thread pool; turns {@link Response} and
 * {@link ApiException} into bytes on the wire and never lets an exception escape unanswered.
 */
public final class HttpServerHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServerHost.class);

  /** Routes one request; implemented by the sandbox's top-level dispatcher. */
  @FunctionalInterface
  public interface Dispatcher {
    Response dispatch(Request request) throws ApiException, IOException;
  }

  static {
    // The JDK server writes headers and body in separate segments; with Nagle's algorithm on, a
    // client's delayed ACK adds ~40 ms to every keep-alive response. The property is read once,
    // when the JDK's server classes load, so it is set before the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService pool;

  public HttpServerHost(int port, int threads, Dispatcher dispatcher) throws IOException {
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    this.pool = executor;
    server.setExecutor(pool);
    server.createContext("/", exchange -> serve(exchange, dispatcher));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, Dispatcher dispatcher) {
    try (exchange) {
      Response response;
      try {
        response = dispatcher.dispatch(new Request(exchange));
      } catch (ApiException e) {
        response = Response.json(e.status(), e.body());
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
          response.header(h.getKey(), h.getValue());
        }
      } catch (RuntimeException | IOException e) {
        LOG.error(
            "sandbox failed on {} {}",
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            e);
        response =
            Response.json(
                500,
                Json.errorArray(
                    "UNKNOWN_EXCEPTION",
                    "An unexpected error occurred. Please include this ErrorId if you contact"
                        + " support: sandbox ("
                        + e.getClass().getSimpleName()
                        + ")",
                    null));
      }
      write(exchange, response);
    } catch (IOException e) {
      LOG.debug("client went away while answering {}", exchange.getRequestURI().getPath(), e);
    }
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (response.file() != null) {
      long size = Files.size(response.file());
      exchange.sendResponseHeaders(response.status(), size == 0 ? -1 : size);
      if (size > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(response.file(), out);
        }
      }
    } else if (response.body() == null || response.body().length == 0) {
      exchange.sendResponseHeaders(response.status(), -1);
    } else {
      exchange.sendResponseHeaders(response.status(), response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
