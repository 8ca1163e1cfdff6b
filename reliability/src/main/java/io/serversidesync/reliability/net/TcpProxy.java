package io.serversidesync.reliability.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on 127.0.0.1 in front of a server, so a test can take the server off the network
 * without stopping it (its state stays): {@link #down()} closes the listener and every relayed
 * connection, so clients see their connections drop and new ones refused, as when a host is
 * unreachable; {@link #up()} listens again on the same port. It can also keep a copy of the bytes
 * in both directions, to search the traffic for values that must (or must not) be there.
 */
public final class TcpProxy implements AutoCloseable {

  private static final int CAPTURE_LIMIT = 64 << 20;

  private final InetSocketAddress target;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tcp-proxy");
            t.setDaemon(true);
            return t;
          });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private volatile boolean capture;
  private ServerSocket listener;
  private int port;

  private TcpProxy(InetSocketAddress target) {
    this.target = target;
  }

  /** Starts relaying a free local port to {@code host:port}. */
  public static TcpProxy start(String host, int port) {
    TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port));
    proxy.up();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public synchronized boolean isUp() {
    return listener != null;
  }

  /** Keeps a copy of everything relayed from now on (both directions, up to 64 MiB). */
  public void captureTraffic() {
    capture = true;
  }

  /** What was relayed since {@link #captureTraffic()}, as ISO-8859-1 text (bytes preserved). */
  public String capturedTraffic() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** Listens (again) on the proxy's port. */
  public synchronized void up() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      port = socket.getLocalPort();
      listener = socket;
      threads.execute(() -> accept(socket));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
  }

  /** Stops listening and drops every relayed connection. */
  public synchronized void down() {
    if (listener == null) {
      return;
    }
    closeQuietly(listener);
    listener = null;
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // closed by down()
      }
      Socket server = new Socket();
      try {
        server.connect(target, 5_000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(server);
        continue;
      }
      synchronized (this) {
        if (listener != socket) {
          closeQuietly(client);
          closeQuietly(server);
          return;
        }
        open.add(client);
        open.add(server);
      }
      threads.execute(() -> pump(client, server));
      threads.execute(() -> pump(server, client));
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
        if (capture) {
          synchronized (captured) {
            if (captured.size() + n <= CAPTURE_LIMIT) {
              captured.write(buffer, 0, n);
            }
          }
        }
      }
    } catch (SocketException e) {
      // the other side or down() closed the connection
    } catch (IOException e) {
      // a relayed connection failing is what clients of a flaky network see; nothing to report
    } finally {
      open.remove(from);
      open.remove(to);
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing is best effort: the socket is unusable either way
    }
  }

  @Override
  public void close() {
    down();
    threads.shutdownNow();
  }
}
