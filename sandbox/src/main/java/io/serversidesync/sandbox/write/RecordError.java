package io.serversidesync.sandbox.write;

import java.util.List;

/** A record-level error as Salesforce reports it: status code, message, fields. */
public record RecordError(String statusCode, String message, List<String> fields) {
  public RecordError {
    fields = List.copyOf(fields);
  }

  public static RecordError of(String statusCode, String message, String... fields) {
    return new RecordError(statusCode, message, List.of(fields));
  }

  /** Bulk API result form: {@code CODE:message:Field1,Field2 --}. */
  public String bulkText() {
    return statusCode
        + ":"
        + message
        + ":"
        + (fields.isEmpty() ? "" : String.join(",", fields) + " ")
        + "--";
  }

  public static RecordError lockRow() {
    return of("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");
  }

  public static RecordError rolledBack() {
    return of(
        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        "Record rolled back because not all records were valid and the request was using AllOrNone"
            + " header");
  }
}
