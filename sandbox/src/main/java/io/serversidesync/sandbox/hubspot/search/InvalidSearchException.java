package io.serversidesync.sandbox.hubspot.search;

/** A search request HubSpot answers with 400 VALIDATION_ERROR. */
public final class InvalidSearchException extends Exception {
  public InvalidSearchException(String message) {
    super(message);
  }
}
