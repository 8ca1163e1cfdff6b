package io.serversidesync.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, headers and a body held in memory or in a file. */
public final class Response {
  public static final String JSON = "application/json;charset=UTF-8";

  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final byte[] body;
  private final Path file;

  private Response(int status, String contentType, byte[] body, Path file) {
    this.status = status;
    this.body = body;
    this.file = file;
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
  }

  public static Response json(int status, JsonNode node) {
    try {
      return new Response(status, JSON, Json.MAPPER.writeValueAsBytes(node), null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  public static Response noContent() {
    return new Response(204, null, null, null);
  }

  /** A status with no body (Bulk upload's 201). */
  public static Response empty(int status) {
    return new Response(status, null, null, null);
  }

  public static Response text(int status, String contentType, String text) {
    return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8), null);
  }

  public static Response file(int status, String contentType, Path file) {
    return new Response(status, contentType, null, file);
  }

  public Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }

  public Path file() {
    return file;
  }
}
