package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Response;

/** A request-level failure answered with a status and HubSpot's error body. */
public final class HubSpotException extends Exception {
  private final int status;
  private final transient ObjectNode body;

  public HubSpotException(int status, ObjectNode body) {
    super(status + " " + body);
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public ObjectNode body() {
    return body;
  }

  public Response response() {
    return Response.json(status, body);
  }
}
