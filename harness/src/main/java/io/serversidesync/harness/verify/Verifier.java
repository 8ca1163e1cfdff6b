package io.serversidesync.harness.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares every key of a source table with the destination, by {@link Values#same}: a row must
 * have a record with the same values, a deleted row must have none, and the errors table must hold
 * no unresolved row of the sync. The demo, the chaos run and the end-to-end checks all verify
 * through here.
 */
public final class Verifier {

  private static final int EXAMPLES = 10;

  /** Mapped column → destination field; a row's {@code seq} column, when present, is quoted. */
  private final Map<String, String> mapping;

  public Verifier(Map<String, String> mapping) {
    this.mapping = new LinkedHashMap<>(mapping);
  }

  /**
   * Compares {@code keys} (and every key that has a row or a record) with Salesforce's records.
   *
   * @param rows the source rows by upsert key (column → value)
   * @param records the destination records by external id (field → value)
   * @param db where the errors table is (its unresolved rows of {@code sync} fail the check)
   */
  public Verification verify(
      Collection<String> keys,
      Map<String, Map<String, Object>> rows,
      Map<String, Map<String, Object>> records,
      Connection db,
      String sync)
      throws SQLException {
    return verify(keys, rows, DestinationRecords.salesforce(records), db, sync);
  }

  /**
   * Compares {@code keys} (and every key that has a row or a record) with any destination's
   * records, each value by the destination's own rule.
   *
   * @param rows the source rows by upsert key (column → value)
   * @param destination the destination's records by key
   * @param db where the errors table is (its unresolved rows of {@code sync} fail the check)
   */
  public Verification verify(
      Collection<String> keys,
      Map<String, Map<String, Object>> rows,
      DestinationRecords destination,
      Connection db,
      String sync)
      throws SQLException {
    Map<String, Map<String, Object>> records = destination.byKey();
    TreeSet<String> all = new TreeSet<>(keys);
    all.addAll(rows.keySet());
    records.keySet().stream().filter(Objects::nonNull).forEach(all::add);
    int matched = 0;
    int lost = 0;
    int mismatched = 0;
    List<String> examples = new ArrayList<>();
    if (records.containsKey(null)) {
      mismatched++;
      example(examples, "a destination record has no external id");
    }
    for (String key : all) {
      Map<String, Object> row = rows.get(key);
      Map<String, Object> record = records.get(key);
      if (row == null && record == null) {
        matched++;
      } else if (row == null) {
        mismatched++;
        example(examples, key + ": deleted in Postgres, still in the destination");
      } else if (record == null) {
        lost++;
        example(examples, key + ": in Postgres" + seq(row) + ", not in the destination");
      } else {
        String difference = difference(row, record, destination::same);
        if (difference == null) {
          matched++;
        } else {
          mismatched++;
          example(examples, key + ": " + difference);
        }
      }
    }
    long unresolved = unresolvedErrors(db, sync, examples);
    return new Verification(
        all.size(), rows.size(), matched, lost, mismatched, unresolved, examples);
  }

  /**
   * The first field whose values differ (as Salesforce holds values), described; null when the
   * record equals the row.
   */
  public String difference(Map<String, Object> row, Map<String, Object> record) {
    return difference(row, record, Values::same);
  }

  private String difference(
      Map<String, Object> row, Map<String, Object> record, DestinationRecords.ValueRule rule) {
    for (var m : mapping.entrySet()) {
      Object expected = row.get(m.getKey());
      Object actual = record.get(m.getValue());
      if (!rule.same(expected, actual)) {
        return m.getValue()
            + " is "
            + Values.render(actual)
            + ", Postgres has "
            + Values.render(expected)
            + seq(row);
      }
    }
    return null;
  }

  private static String seq(Map<String, Object> row) {
    return row.containsKey("seq") ? " (seq " + row.get("seq") + ")" : "";
  }

  private static void example(List<String> examples, String text) {
    if (examples.size() < EXAMPLES) {
      examples.add(text);
    }
  }

  private static long unresolvedErrors(Connection db, String sync, List<String> examples)
      throws SQLException {
    long total = 0;
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT code, count(*), min(message) FROM serversidesync.errors"
                + " WHERE sync = ? AND resolved_at IS NULL GROUP BY code")) {
      s.setString(1, sync);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          total += rs.getLong(2);
          example(
              examples,
              "errors table: "
                  + rs.getLong(2)
                  + " unresolved "
                  + rs.getString(1)
                  + " ("
                  + rs.getString(3)
                  + ")");
        }
      }
    }
    return total;
  }
}
