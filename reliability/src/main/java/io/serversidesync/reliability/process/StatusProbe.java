package io.serversidesync.reliability.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads a runner's status port as an operator or a probe would: /status, /metrics, /readyz. */
public final class StatusProbe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final int port;

  public StatusProbe(int port) {
    this.port = port;
  }

  public int port() {
    return port;
  }

  /** The /status document, or empty when the runner does not answer (yet). */
  public Optional<JsonNode> status() {
    return body("/status")
        .map(
            text -> {
              try {
                return JSON.readTree(text);
              } catch (IOException e) {
                throw new IllegalStateException("/status is not JSON: " + text, e);
              }
            });
  }

  /** The phase /status reports, or "" when it does not answer. */
  public String phase() {
    return status().map(s -> s.path("phase").asText()).orElse("");
  }

  /** Whether /readyz answers 200. */
  public boolean ready() {
    return statusCode("/readyz") == 200;
  }

  /** The body of a GET, or empty when nothing answers. */
  public Optional<String> body(String path) {
    try {
      HttpResponse<String> response =
          HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
      return Optional.of(response.body());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private int statusCode(String path) {
    try {
      return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(2))
        .build();
  }
}
