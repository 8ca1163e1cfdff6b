package io.serversidesync.runner.destination.salesforce.lookup;

/**
 * The org refused the lookup query itself (HTTP 400, e.g. MALFORMED_QUERY). Salesforce accepts it
 * for every External ID field, so this only happens with partial implementations of the API; the
 * caller then deletes record by record by external id.
 */
public final class LookupUnsupportedException extends Exception {

  public LookupUnsupportedException(String message) {
    super(message);
  }
}
