package io.serversidesync.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An incoming HTTP request: method, decoded path segments, query parameters, headers, body. */
public final class Request {
  /** JSON bodies are read whole; Bulk CSV uploads are streamed and never come through here. */
  private static final int MAX_JSON_BODY = 64 * 1024 * 1024;

  private final HttpExchange exchange;
  private final List<String> segments;
  private final Map<String, String> query;

  public Request(HttpExchange exchange) {
    this.exchange = exchange;
    this.segments = segments(exchange.getRequestURI().getRawPath());
    this.query = parseForm(exchange.getRequestURI().getRawQuery());
  }

  public String method() {
    return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
  }

  /** Decoded path segments, without empty ones (a trailing slash is ignored). */
  public List<String> segments() {
    return segments;
  }

  public String rawPath() {
    return exchange.getRequestURI().getRawPath();
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  public InputStream bodyStream() {
    return exchange.getRequestBody();
  }

  public byte[] body() throws IOException, ApiException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_JSON_BODY + 1);
      if (bytes.length > MAX_JSON_BODY) {
        throw new ApiException(
            413, "REQUEST_ENTITY_TOO_LARGE", "Request body exceeds " + MAX_JSON_BODY + " bytes");
      }
      return bytes;
    }
  }

  /** Parses an application/x-www-form-urlencoded string. */
  public static Map<String, String> parseForm(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        // Path segments: '+' is a literal plus, only %XX escapes are decoded.
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
