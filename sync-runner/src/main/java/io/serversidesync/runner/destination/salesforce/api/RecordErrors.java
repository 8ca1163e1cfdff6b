package io.serversidesync.runner.destination.salesforce.api;

import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Salesforce's record-level error codes mean for the runner: a record locked by another
 * transaction or a busy server may pass on a later try; everything else (too long, invalid field,
 * required field missing, duplicate …) fails again with the same data and goes to the errors table.
 */
public final class RecordErrors {

  /** Codes that a later attempt with the same data may pass. */
  public static final Set<String> RETRYABLE =
      Set.of(
          "UNABLE_TO_LOCK_ROW",
          "SERVER_UNAVAILABLE",
          "REQUEST_LIMIT_EXCEEDED",
          "REQUEST_RUNNING_TOO_LONG",
          "QUERY_TIMEOUT",
          // Only with allOrNone=true (never sent): the record was fine, a sibling failed.
          "ALL_OR_NONE_OPERATION_ROLLED_BACK");

  private RecordErrors() {}

  /** The outcome of a record Salesforce did not save. */
  public static RecordOutcome outcome(List<SalesforceError> errors) {
    if (errors.isEmpty()) {
      return new RecordOutcome.Permanent(
          "UNKNOWN_ERROR", "Salesforce reported a failure without an error code", List.of());
    }
    List<SalesforceError> permanent =
        errors.stream().filter(e -> !RETRYABLE.contains(e.code())).toList();
    // A missing parent is only worth waiting for when it is the record's one problem.
    if (permanent.size() == 1) {
      Optional<RecordOutcome.MissingParent> missing = MissingParentError.of(permanent.get(0));
      if (missing.isPresent()) {
        return missing.get();
      }
    }
    if (permanent.isEmpty()) {
      SalesforceError first = errors.get(0);
      return new RecordOutcome.Retryable(first.code(), first.message(), null);
    }
    Set<String> fields = new LinkedHashSet<>();
    permanent.forEach(e -> fields.addAll(e.fields()));
    String message =
        permanent.size() == 1
            ? permanent.get(0).message()
            : permanent.stream().map(SalesforceError::describe).collect(Collectors.joining("; "));
    return new RecordOutcome.Permanent(permanent.get(0).code(), message, List.copyOf(fields));
  }
}
