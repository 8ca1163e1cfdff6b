package io.serversidesync.runner.bench;

import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.sandbox.Sandbox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Every key in Postgres equals its record in the sandbox, field by mapped field. */
final class StoreCheck {

  private StoreCheck() {}

  /**
   * @param columnsToFields mapped columns → Salesforce fields; the first entry is the upsert key
   * @return the number of keys checked
   * @throws BenchFailure naming the first differences
   */
  static long verify(PostgresDatabase db, Sandbox sandbox, Map<String, String> columnsToFields) {
    return verify(db, sandbox.records("Contact"), columnsToFields);
  }

  /**
   * The same against records delivered elsewhere (field → value maps, e.g. what {@code
   * InstantAckProvider} kept).
   */
  static long verify(
      PostgresDatabase db,
      List<Map<String, Object>> delivered,
      Map<String, String> columnsToFields) {
    Map.Entry<String, String> key = columnsToFields.entrySet().iterator().next();
    Map<Object, Map<String, Object>> records = new HashMap<>();
    for (Map<String, Object> r : delivered) {
      records.put(r.get(key.getValue()), r);
    }
    List<Map<String, Object>> rows =
        db.query("SELECT " + String.join(", ", columnsToFields.keySet()) + " FROM public.contacts");
    StringBuilder problems = new StringBuilder();
    int bad = 0;
    for (Map<String, Object> row : rows) {
      Map<String, Object> record = records.get(row.get(key.getKey()));
      for (Map.Entry<String, String> m : columnsToFields.entrySet()) {
        Object expected = row.get(m.getKey());
        Object actual = record == null ? "<no record>" : record.get(m.getValue());
        if (!Objects.equals(expected, actual)) {
          if (++bad <= 5) {
            problems.append(
                String.format(
                    "%n  %s: %s is %s in Postgres, %s in the sandbox",
                    row.get(key.getKey()), m.getKey(), expected, actual));
          }
          break;
        }
      }
    }
    if (bad > 0) {
      throw new BenchFailure(bad + " of " + rows.size() + " keys differ:" + problems);
    }
    return rows.size();
  }
}
