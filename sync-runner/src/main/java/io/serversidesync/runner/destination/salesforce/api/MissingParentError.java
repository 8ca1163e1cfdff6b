package io.serversidesync.runner.destination.salesforce.api;

import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Salesforce's answer to a lookup whose parent does not exist: {@code INVALID_FIELD}
 * "Foreign key external ID: A-17 not found for field Account_Ref__c in entity Account" (observed on
 * single-record, Collections and Bulk writes; Bulk appends {@code :--}).
 */
public final class MissingParentError {

  private static final Pattern MESSAGE =
      Pattern.compile(
          "^Foreign key external ID: (.*) not found for field (\\S+) in entity ([A-Za-z0-9_]+)"
              + "(?::--)?\\s*$",
          Pattern.DOTALL);

  private MissingParentError() {}

  /** The outcome when {@code error} says a parent is missing. */
  public static Optional<RecordOutcome.MissingParent> of(SalesforceError error) {
    if (!"INVALID_FIELD".equals(error.code()) || error.message() == null) {
      return Optional.empty();
    }
    Matcher m = MESSAGE.matcher(error.message().trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new RecordOutcome.MissingParent(
            error.code(), error.message().trim(), m.group(3), m.group(1)));
  }
}
