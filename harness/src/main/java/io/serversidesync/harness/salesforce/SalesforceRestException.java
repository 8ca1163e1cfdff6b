package io.serversidesync.harness.salesforce;

/** A Salesforce REST call did not answer as expected; the message has the call and the answer. */
public final class SalesforceRestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SalesforceRestException(String message) {
    super(message);
  }

  public SalesforceRestException(String message, Throwable cause) {
    super(message, cause);
  }
}
