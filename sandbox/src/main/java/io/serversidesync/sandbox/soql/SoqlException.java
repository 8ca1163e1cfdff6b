package io.serversidesync.sandbox.soql;

/** A query Salesforce would refuse: MALFORMED_QUERY, INVALID_FIELD or INVALID_TYPE. */
public final class SoqlException extends Exception {
  private final String errorCode;

  public SoqlException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
