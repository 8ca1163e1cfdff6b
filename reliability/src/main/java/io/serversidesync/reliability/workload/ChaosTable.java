package io.serversidesync.reliability.workload;

import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.schema.Schema;
import io.serversidesync.sandbox.schema.SchemaLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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

/**
 * The table the chaos writer changes and the destination object it is synced to: one column of each
 * value type the runner converts (text, bigint, numeric, boolean, date, timestamptz, long text with
 * CSV-hostile characters), keyed by {@code ref}.
 */
public final class ChaosTable {

  public static final String TABLE = "public.chaos";
  public static final String KEY = "ref";
  public static final String OBJECT = "Chaos__c";
  public static final String EXTERNAL_ID = "Ref__c";

  /** The column a two-way chaos run adds for the destination's record id (spec.twoWay). */
  public static final String DESTINATION_ID = "sf_id";

  public static final String ADD_DESTINATION_ID =
      "ALTER TABLE public.chaos ADD COLUMN " + DESTINATION_ID + " text";

  /** Column → destination field, key first. */
  public static final Map<String, String> MAPPING = mapping();

  public static final String DDL =
      "CREATE TABLE public.chaos ("
          + " ref text PRIMARY KEY,"
          + " seq bigint NOT NULL,"
          + " name text,"
          + " amount numeric(12,2),"
          + " active boolean NOT NULL,"
          + " due date,"
          + " touched timestamptz(3),"
          + " note text)";

  private static final String OBJECTS_YAML =
      """
      objects:
        - name: Chaos__c
          keyPrefix: a07
          fields:
            - {name: Ref__c, type: string, length: 40, externalId: true, unique: true}
            - {name: Seq__c, type: double, precision: 18, scale: 0}
            - {name: Name__c, type: string, length: 80}
            - {name: Amount__c, type: currency, precision: 12, scale: 2}
            - {name: Active__c, type: boolean}
            - {name: Due__c, type: date}
            - {name: Touched__c, type: datetime}
            - {name: Note__c, type: textarea, length: 32000}
      """;

  private ChaosTable() {}

  private static Map<String, String> mapping() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ref", "Ref__c");
    m.put("seq", "Seq__c");
    m.put("name", "Name__c");
    m.put("amount", "Amount__c");
    m.put("active", "Active__c");
    m.put("due", "Due__c");
    m.put("touched", "Touched__c");
    m.put("note", "Note__c");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The sandbox's objects: its defaults plus Chaos__c. */
  public static Schema sandboxSchema() {
    return SchemaLoader.load(
        new ByteArrayInputStream(OBJECTS_YAML.getBytes(StandardCharsets.UTF_8)), "chaos objects");
  }

  /** The key of the i-th row (1-based): K000001 …. */
  public static String ref(int i) {
    return String.format("K%06d", i);
  }

  /** The chaos table's rows by key, with typed values (touched as an Instant). */
  public static Map<String, Map<String, Object>> rows(Connection db) throws SQLException {
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

  /** Every record of the chaos object in the sandbox, by external id. */
  public static Map<String, Map<String, Object>> records(Sandbox sandbox) {
    Map<String, Map<String, Object>> records = new HashMap<>();
    for (Map<String, Object> record : sandbox.records(OBJECT)) {
      records.put((String) record.get(EXTERNAL_ID), record);
    }
    return records;
  }

  /** The keys of a run of {@code keys} keys. */
  public static List<String> refs(int keys) {
    List<String> refs = new ArrayList<>(keys);
    for (int i = 1; i <= keys; i++) {
      refs.add(ref(i));
    }
    return refs;
  }
}
