package io.serversidesync.runner.destination;

/** The text of a json or jsonb value, kept verbatim so the destination decides how to send it. */
public record JsonText(String json) {

  @Override
  public String toString() {
    return json;
  }
}
