package io.serversidesync.runner.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

  /**
   * A server closes a keep-alive connection once it has been idle for its own timeout. The runner
   * does not let OkHttp retry silently, so a request sent on that connection would fail with
   * "unexpected end of stream": the pool must have dropped the connection before.
   */
  @Test
  void aConnectionIdleLongerThanTheKeepAliveIsDroppedAndTheNextRequestOpensANewOne()
      throws Exception {
    try (KeepAliveServer server = new KeepAliveServer()) {
      OkHttpClient client =
          HttpClients.builder(
                  ProxyEnvironment.from(Map.of()),
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(5),
                  Duration.ofMillis(200))
              .build();
      assertThat(get(client, server)).isEqualTo("ok");
      // the server's idle timeout: it closes the connection without a word to the client
      server.accepted.poll(5, TimeUnit.SECONDS).close();

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> client.connectionPool().idleConnectionCount() == 0);
      assertThat(get(client, server)).isEqualTo("ok");
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void idleConnectionsGoBeforeTheIdleTimeoutsOfCommonServers() {
    // the JDK's HTTP server (the sandbox) closes idle connections after 30 s
    assertThat(HttpClients.KEEP_ALIVE).isLessThan(Duration.ofSeconds(30));
  }

  private static String get(OkHttpClient client, KeepAliveServer server) throws IOException {
    Request request = new Request.Builder().url("http://127.0.0.1:" + server.port() + "/").build();
    try (Response response = client.newCall(request).execute()) {
      return response.body().string();
    }
  }

  /** Answers every request with "ok" and keeps the connection open, as HTTP/1.1 does. */
  private static final class KeepAliveServer implements AutoCloseable {

    final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final ServerSocket socket;
    private int connections;

    KeepAliveServer() throws IOException {
      socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(this::accept, "keep-alive-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    synchronized int connections() {
      return connections;
    }

    private void accept() {
      try {
        while (true) {
          Socket s = socket.accept();
          synchronized (this) {
            connections++;
          }
          accepted.add(s);
          Thread t = new Thread(() -> serve(s), "keep-alive-connection");
          t.setDaemon(true);
          t.start();
        }
      } catch (IOException closed) {
        // the test is over
      }
    }

    private static void serve(Socket s) {
      try (s;
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          OutputStream out = s.getOutputStream()) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isEmpty()) {
            out.write(
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
        }
      } catch (IOException closed) {
        // closed by the test, as a server's idle timeout would
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
