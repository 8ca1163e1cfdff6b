package io.serversidesync.reliability.verify;

import io.serversidesync.harness.verify.Values;
import io.serversidesync.reliability.twoway.DestinationEdit;
import io.serversidesync.reliability.workload.ChaosTable;
import io.serversidesync.reliability.workload.KeyLedger;
import io.serversidesync.reliability.workload.RowValues;
import io.serversidesync.sandbox.Sandbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exact outcome of every key of a two-way run under SourceWins. Every row must hold the
 * writer's last change of its key, except where a destination edit wins. An edit wins when nothing
 * in Postgres raced it: every change of the key was committed before the edit began and was already
 * in the destination when it was made (the record's Seq__c equals the row's seq). Postgres wins
 * when its change of the key was pending at the edit or committed after it. Edits that overlapped a
 * forward write or a commit of their key, or were made before the runner recorded that the
 * destination held the key's last change, may end either way, but nowhere else. A change of the key
 * that began after the edit ended always wins, whether or not the edit's base is known. And every
 * row holds its record's Id in the destination-id column.
 */
public final class TwoWayVerifier {

  private static final int EXAMPLES = 10;

  private TwoWayVerifier() {}

  /** What a key must end as. */
  enum Expected {
    /** The edit's value on the change the edit was made on. */
    EDIT,
    /** The writer's last change (or no row when it deleted the row). */
    WRITER,
    /** Either of the two: the edit overlapped a commit or a forward write of its key. */
    EITHER,
    /**
     * Either of the two: the edit was made before the runner recorded that the destination held the
     * key's last change, so to the runner the two changed concurrently.
     */
    UNRECORDED
  }

  /** Checks every key. */
  public static TwoWayVerification verify(
      Connection db, Sandbox sandbox, int keys, KeyLedger ledger, List<DestinationEdit> edits)
      throws SQLException {
    Map<String, Map<String, Object>> rows = ChaosTable.rows(db);
    Map<String, String> ids = ids(db);
    Map<String, String> recordIds = new HashMap<>();
    for (Map<String, Object> record : sandbox.records(ChaosTable.OBJECT)) {
      recordIds.put((String) record.get(ChaosTable.EXTERNAL_ID), (String) record.get("Id"));
    }
    Map<String, DestinationEdit> editByKey = new HashMap<>();
    edits.forEach(e -> editByKey.put(e.ref(), e));
    int won = 0;
    int superseded = 0;
    int raced = 0;
    int racedUnrecorded = 0;
    int editsLost = 0;
    int postgresLost = 0;
    int idsMissing = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 1; i <= keys; i++) {
      String ref = ChaosTable.ref(i);
      Map<String, Object> row = rows.get(ref);
      KeyLedger.Last last = ledger.last(ref);
      DestinationEdit edit = editByKey.get(ref);
      if (row != null && !Objects.equals(ids.get(ref), recordIds.get(ref))) {
        idsMissing++;
        example(
            examples,
            ref
                + ": "
                + ChaosTable.DESTINATION_ID
                + " is "
                + ids.get(ref)
                + ", the record's Id "
                + recordIds.get(ref));
      }
      Expected expected = edit == null ? Expected.WRITER : expected(edit, last);
      boolean isWriters = writersLast(row, last);
      boolean isEdit = edit != null && holdsEdit(row, edit, expected == Expected.EITHER);
      switch (expected) {
        case WRITER -> {
          if (isWriters) {
            superseded += edit == null ? 0 : 1;
          } else {
            postgresLost++;
            example(
                examples,
                ref
                    + ": Postgres has "
                    + describe(row)
                    + ", the writer's last change is "
                    + (last.present() ? "seq " + last.seq() : "a delete")
                    + (edit == null
                        ? ""
                        : " (edit " + edit.number() + " was legitimately beaten)"));
          }
        }
        case EDIT -> {
          if (isEdit) {
            won++;
          } else {
            editsLost++;
            example(
                examples,
                ref
                    + ": edit "
                    + edit.number()
                    + " (Name__c "
                    + edit.value()
                    + " on seq "
                    + edit.destinationSeq()
                    + ") lost; Postgres has "
                    + describe(row));
          }
        }
        case EITHER, UNRECORDED -> {
          if (isWriters || isEdit) {
            raced++;
            racedUnrecorded += expected == Expected.UNRECORDED ? 1 : 0;
          } else {
            postgresLost++;
            example(
                examples,
                ref
                    + ": raced edit "
                    + edit.number()
                    + ", but Postgres has "
                    + describe(row)
                    + ", neither the writer's last change nor the edit");
          }
        }
      }
    }
    return new TwoWayVerification(
        edits.size(),
        won,
        superseded,
        (int) edits.stream().filter(DestinationEdit::superseded).count(),
        raced,
        racedUnrecorded,
        editsLost,
        postgresLost,
        idsMissing,
        examples);
  }

  static Expected expected(DestinationEdit edit, KeyLedger.Last last) {
    if (last.changed() && last.lastStartNanos() > edit.endNanos()) {
      // a later Postgres change of the key overwrites the edit, whatever the edit was made on
      return Expected.WRITER;
    }
    if (!edit.confirmed()) {
      return Expected.EITHER;
    }
    if (last.changed() && last.lastEndNanos() >= edit.startNanos()) {
      return Expected.EITHER; // a commit overlapped the edit
    }
    // Postgres was still when the edit was made: whoever had the last word there decides
    if (edit.postgresSeq() != edit.destinationSeq()) {
      return Expected.WRITER;
    }
    // The destination held the row's last change, but until the runner records that, the change
    // is unconfirmed to it: it cannot tell whether its write landed before or after the edit, the
    // two changed concurrently, and SourceWins may send the change again (a kill in that window
    // always does). docs/reliability.md, "Edits during an unrecorded write".
    boolean unrecorded =
        last.changed() && Long.compareUnsigned(edit.acknowledgedLsn(), last.lsn()) < 0;
    return unrecorded ? Expected.UNRECORDED : Expected.EDIT;
  }

  private static boolean writersLast(Map<String, Object> row, KeyLedger.Last last) {
    if (!last.present()) {
      return row == null;
    }
    return row != null && holds(row, RowValues.of(last.seq()), null);
  }

  /** The edit's Name__c on the change it was made on (any change, when the base is not known). */
  private static boolean holdsEdit(Map<String, Object> row, DestinationEdit edit, boolean anyBase) {
    if (row == null) {
      return false;
    }
    long base = anyBase ? (Long) row.get("seq") : edit.destinationSeq();
    return holds(row, RowValues.of(base), edit.value());
  }

  /** Whether the row holds {@code v}, with Name__c replaced by {@code name} when not null. */
  private static boolean holds(Map<String, Object> row, RowValues v, String name) {
    return row.get("seq") instanceof Long seq
        && seq == v.seq()
        && Values.same(name == null ? v.name() : name, row.get("name"))
        && Values.same(v.amount(), row.get("amount"))
        && Values.same(v.active(), row.get("active"))
        && Values.same(v.due(), row.get("due"))
        && Values.same(v.touched(), row.get("touched"))
        && Values.same(v.note(), row.get("note"));
  }

  private static String describe(Map<String, Object> row) {
    if (row == null) {
      return "no row";
    }
    return "seq " + row.get("seq") + " with name " + Values.render(row.get("name"));
  }

  private static Map<String, String> ids(Connection db) throws SQLException {
    Map<String, String> ids = new HashMap<>();
    try (PreparedStatement s =
            db.prepareStatement(
                "SELECT ref, " + ChaosTable.DESTINATION_ID + " FROM " + ChaosTable.TABLE);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        ids.put(rs.getString(1), rs.getString(2));
      }
    }
    return ids;
  }

  private static void example(List<String> examples, String text) {
    if (examples.size() < EXAMPLES) {
      examples.add(text);
    }
  }
}
