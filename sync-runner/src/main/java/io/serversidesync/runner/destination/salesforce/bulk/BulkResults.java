package io.serversidesync.runner.destination.salesforce.bulk;

import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.api.RecordErrors;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads result rows by header name: {@code sf__Id}, {@code sf__Created} (successful results) and
 * {@code sf__Error} (failed results), plus the uploaded columns.
 */
final class BulkResults {

  /**
   * {@code CODE:message} with an optional {@code :Field1,Field2 --} tail, e.g. {@code
   * REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --}.
   */
  private static final Pattern ERROR =
      Pattern.compile(
          "^([A-Z][A-Z0-9_]*):(.*?)(?::\\s*([A-Za-z0-9_]+(?:\\s*,\\s*[A-Za-z0-9_]+)*)\\s*--)?\\s*$",
          Pattern.DOTALL);

  private BulkResults() {}

  static RecordOutcome success(Map<String, String> row) {
    String id = cell(row, "sf__Id");
    return new RecordOutcome.Ok(
        id == null || id.isEmpty() ? null : id, "true".equalsIgnoreCase(cell(row, "sf__Created")));
  }

  static RecordOutcome failure(Map<String, String> row) {
    return RecordErrors.outcome(List.of(error(cell(row, "sf__Error"))));
  }

  /** Splits an sf__Error cell into code, message and fields. */
  static SalesforceError error(String text) {
    if (text == null || text.isBlank()) {
      return new SalesforceError("UNKNOWN_ERROR", "Salesforce gave no error text", List.of());
    }
    Matcher matcher = ERROR.matcher(text.trim());
    if (!matcher.matches()) {
      return new SalesforceError("BULK_ERROR", text.trim(), List.of());
    }
    List<String> fields =
        matcher.group(3) == null
            ? List.of()
            : Arrays.stream(matcher.group(3).split(",")).map(String::trim).toList();
    return new SalesforceError(matcher.group(1), matcher.group(2).trim(), fields);
  }

  /** A cell by header name; headers are matched ignoring case if the exact name is absent. */
  static String cell(Map<String, String> row, String header) {
    String value = row.get(header);
    if (value != null) {
      return value;
    }
    String wanted = header.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> entry : row.entrySet()) {
      if (entry.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
