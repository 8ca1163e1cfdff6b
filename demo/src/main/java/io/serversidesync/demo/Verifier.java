package io.serversidesync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.harness.postgres.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares every row of the source table with the destination record of the same key. */
final class Verifier {

  /** What the comparison found; {@code examples} shows a few mismatches for the user. */
  record Result(int keys, int matched, int missing, int different, List<String> examples) {
    boolean passed() {
      return missing == 0 && different == 0;
    }
  }

  private Verifier() {}

  static Result compare(
      PostgresDatabase db,
      String table,
      List<FieldMapping> mapping,
      String upsertKey,
      Map<String, JsonNode> records) {
    List<String> columns = mapping.stream().map(FieldMapping::getColumn).toList();
    List<Map<String, Object>> rows =
        db.query("SELECT " + String.join(", ", columns) + " FROM " + table);
    int matched = 0;
    int missing = 0;
    int different = 0;
    List<String> examples = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      String key = String.valueOf(row.get(upsertKey));
      JsonNode record = records.get(key);
      if (record == null) {
        missing++;
        if (examples.size() < 5) {
          examples.add(key + ": no record in the destination");
        }
        continue;
      }
      boolean same = true;
      for (FieldMapping m : mapping) {
        Object expected = row.get(m.getColumn());
        JsonNode actual = record.get(m.getField());
        String actualText = actual == null || actual.isNull() ? null : actual.asText();
        if (!Objects.equals(expected == null ? null : expected.toString(), actualText)) {
          same = false;
          if (examples.size() < 5) {
            examples.add(
                key + ": " + m.getField() + " is " + actualText + ", Postgres has " + expected);
          }
        }
      }
      if (same) {
        matched++;
      } else {
        different++;
      }
    }
    return new Result(rows.size(), matched, missing, different, examples);
  }
}
