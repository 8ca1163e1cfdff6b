package io.serversidesync.reliability.verify;

import io.serversidesync.reliability.workload.ChaosTable;
import io.serversidesync.sandbox.Sandbox;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares every key of the chaos table with the sandbox: a row must have a record with the same
 * values (as Salesforce stores them: empty text is null), a deleted row must have none, and the
 * errors table must hold no unresolved row of the sync.
 */
public final class Verifier {

  private static final int EXAMPLES = 10;

  private Verifier() {}

  public static Verification verify(Connection db, Sandbox sandbox, int keys, String sync)
      throws SQLException {
    Map<String, Map<String, Object>> rows = rows(db);
    Map<String, Map<String, Object>> records = new HashMap<>();
    for (Map<String, Object> record : sandbox.records(ChaosTable.OBJECT)) {
      records.put((String) record.get(ChaosTable.EXTERNAL_ID), record);
    }
    int matched = 0;
    int lost = 0;
    int mismatched = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 1; i <= keys; i++) {
      String ref = ChaosTable.ref(i);
      Map<String, Object> row = rows.get(ref);
      Map<String, Object> record = records.get(ref);
      if (row == null && record == null) {
        matched++;
      } else if (row == null) {
        mismatched++;
        example(examples, ref + ": deleted in Postgres, still in the destination");
      } else if (record == null) {
        lost++;
        example(
            examples, ref + ": in Postgres (seq " + row.get("seq") + "), not in the destination");
      } else {
        String difference = difference(row, record);
        if (difference == null) {
          matched++;
        } else {
          mismatched++;
          example(examples, ref + ": " + difference);
        }
      }
    }
    long unresolved = unresolvedErrors(db, sync, examples);
    return new Verification(keys, rows.size(), matched, lost, mismatched, unresolved, examples);
  }

  private static void example(List<String> examples, String text) {
    if (examples.size() < EXAMPLES) {
      examples.add(text);
    }
  }

  /** The first field whose values differ, described; null when the record equals the row. */
  static String difference(Map<String, Object> row, Map<String, Object> record) {
    for (var m : ChaosTable.MAPPING.entrySet()) {
      Object expected = row.get(m.getKey());
      Object actual = record.get(m.getValue());
      if (!same(expected, actual)) {
        return m.getValue()
            + " is "
            + render(actual)
            + ", Postgres has "
            + render(expected)
            + " (seq "
            + row.get("seq")
            + ")";
      }
    }
    return null;
  }

  static boolean same(Object expected, Object actual) {
    if (expected instanceof String s && s.isEmpty()) {
      expected = null; // Salesforce stores empty text as null
    }
    if (expected instanceof Long l) {
      expected = BigDecimal.valueOf(l);
    }
    if (expected instanceof BigDecimal a && actual instanceof BigDecimal b) {
      return a.compareTo(b) == 0;
    }
    return Objects.equals(expected, actual);
  }

  static String render(Object value) {
    if (value instanceof String s) {
      return "\"" + (s.length() > 60 ? s.substring(0, 60) + "…" : s).replace("\n", "\\n") + "\"";
    }
    return String.valueOf(value);
  }

  /** The chaos table's rows by key, with typed values (touched as an Instant). */
  static Map<String, Map<String, Object>> rows(Connection db) throws SQLException {
    Map<String, Map<String, Object>> rows = new HashMap<>();
    try (PreparedStatement s =
            db.prepareStatement(
                "SELECT ref, seq, name, amount, active, due, touched, note FROM public.chaos");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ref", rs.getString("ref"));
        row.put("seq", rs.getLong("seq"));
        row.put("name", rs.getString("name"));
        row.put("amount", rs.getBigDecimal("amount"));
        row.put("active", rs.getBoolean("active"));
        row.put("due", rs.getObject("due", LocalDate.class));
        OffsetDateTime touched = rs.getObject("touched", OffsetDateTime.class);
        row.put("touched", touched == null ? null : touched.toInstant());
        row.put("note", rs.getString("note"));
        rows.put(rs.getString("ref"), row);
      }
    }
    return rows;
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
