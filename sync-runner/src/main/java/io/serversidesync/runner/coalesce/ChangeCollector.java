package io.serversidesync.runner.coalesce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.capture.PgOutputHandler;
import io.serversidesync.runner.capture.Relation;
import io.serversidesync.runner.capture.TupleView;
import io.serversidesync.runner.config.SyncSettings;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds decoded changes of the synced table into the {@link Coalescer}: finds the upsert key in
 * each row image, applies the deletes policy, rejects rows without a key, and tracks transaction
 * boundaries so a flush knows which LSN it covers.
 */
public final class ChangeCollector implements PgOutputHandler {

  private static final Logger log = LoggerFactory.getLogger(ChangeCollector.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SyncSettings settings;
  private final Coalescer coalescer;
  private final int keyField;
  private final String keyFieldName;
  private final String ownOrigin;

  private int relationId = -1;
  private int[] columnOfField;
  private int[] typeOids;
  private int keyColumn = -1;
  private List<String> missingColumns;

  private boolean inTransaction;
  private long commitMicros;
  private long lastCommitEnd;
  private long changesCaptured;
  private long lastCommitMicros;
  private boolean ownTransaction;
  private long ownChangesSkipped;

  public ChangeCollector(SyncSettings settings, Coalescer coalescer) {
    this.settings = settings;
    this.coalescer = coalescer;
    this.keyField = settings.keyField();
    this.keyFieldName = settings.mapping().get(keyField).field();
    this.ownOrigin = settings.replicationName();
  }

  /**
   * The mapped columns the last Relation message of the table lacks (renamed or dropped), or null.
   * The engine decides, before reading on, whether the mapping is broken or the message only
   * describes the table as it was before a change the mapping already follows.
   */
  public List<String> missingColumns() {
    return missingColumns;
  }

  /**
   * The missing columns describe the past: the changes under that Relation are taken without them
   * (a missing field is never sent, so the destination keeps its value).
   */
  public void acceptMissingColumns() {
    log.warn(
        "mapped column(s) {} are not in the published columns of {}.{} for the changes being read"
            + " (they were made before the table was altered); those fields are not sent for them",
        missingColumns,
        settings.schema(),
        settings.table());
    missingColumns = null;
  }

  /** End LSN of the last committed transaction seen; confirming it acknowledges all before it. */
  public long lastCommitEnd() {
    return lastCommitEnd;
  }

  /** Commit time (Postgres epoch µs) of the last committed transaction seen. */
  public long lastCommitMicros() {
    return lastCommitMicros;
  }

  /** Whether a transaction has begun and not yet committed. */
  public boolean inTransaction() {
    return inTransaction;
  }

  /**
   * Forgets a transaction cut short by a lost connection: the server sends it again from its Begin
   * (its changes already merged are harmless: they are re-applied in order).
   */
  public void resetTransaction() {
    inTransaction = false;
  }

  /** Row changes of the synced table seen so far. */
  public long changesCaptured() {
    return changesCaptured;
  }

  /**
   * Row changes skipped because the runner itself made them (two-way sync: the reverse direction
   * writes under the replication origin named like the slot).
   */
  public long ownChangesSkipped() {
    return ownChangesSkipped;
  }

  @Override
  public void begin(long finalLsn, long commitTimeMicros, int xid) {
    inTransaction = true;
    ownTransaction = false;
    commitMicros = commitTimeMicros;
    coalescer.position(finalLsn);
  }

  @Override
  public void commit(long commitLsn, long endLsn, long commitTimeMicros) {
    inTransaction = false;
    ownTransaction = false;
    lastCommitEnd = endLsn;
    lastCommitMicros = commitTimeMicros;
  }

  @Override
  public void origin(long originLsn, String originName) {
    // The runner's own writes (two-way sync: reverse applies and native ids) carry the origin named
    // like the slot; sending them back to the destination would echo. Other origins are delivered.
    ownTransaction = ownOrigin.equals(originName);
  }

  @Override
  public void relation(Relation relation) {
    if (!relation.namespace().equals(settings.schema())
        || !relation.name().equals(settings.table())) {
      return;
    }
    int fields = settings.mapping().size();
    int[] columns = new int[fields];
    int[] types = new int[fields];
    List<String> missing = new ArrayList<>();
    for (int f = 0; f < fields; f++) {
      String column = settings.mapping().get(f).column();
      columns[f] = relation.indexOf(column);
      types[f] = columns[f] < 0 ? 0 : relation.columns().get(columns[f]).typeOid();
      if (columns[f] < 0) {
        missing.add(column);
      }
    }
    missingColumns = missing.isEmpty() ? null : List.copyOf(missing);
    relationId = relation.id();
    columnOfField = columns;
    typeOids = types;
    keyColumn = columns[keyField];
  }

  @Override
  public void type(int oid, String namespace, String name) {
    // Values of non-built-in types (enums, domains) are passed on in their text form.
  }

  @Override
  public void insert(Relation relation, TupleView newRow) {
    if (relation.id() != relationId) {
      return;
    }
    if (ownTransaction) {
      ownChangesSkipped++;
      return;
    }
    changesCaptured++;
    upsert(newRow, true);
  }

  @Override
  public void update(Relation relation, TupleView oldRow, boolean oldIsKeyOnly, TupleView newRow) {
    if (relation.id() != relationId) {
      return;
    }
    if (ownTransaction) {
      ownChangesSkipped++;
      return;
    }
    changesCaptured++;
    boolean keyChanged =
        oldRow != null
            && keyColumn >= 0
            && oldRow.kind(keyColumn) == TupleView.TEXT
            && newRow.kind(keyColumn) == TupleView.TEXT
            && !sameBytes(oldRow, newRow, keyColumn);
    if (keyChanged && settings.deletes() == DeletePolicy.Delete) {
      // The key changed: the record under the old key goes away like a deleted row.
      coalescer.delete(
          oldRow.buffer(), oldRow.offset(keyColumn), oldRow.length(keyColumn), commitMicros);
    }
    upsert(newRow, false);
    if (keyChanged) {
      // the record under the new key is new to the destination: what the WAL left out (unchanged
      // TOAST values) is read from the table before the cut
      coalescer.newRecord(newRow.buffer(), newRow.offset(keyColumn), newRow.length(keyColumn));
    }
  }

  @Override
  public void delete(Relation relation, TupleView oldRow, boolean oldIsKeyOnly) {
    if (relation.id() != relationId) {
      return;
    }
    if (ownTransaction) {
      ownChangesSkipped++;
      return;
    }
    changesCaptured++;
    if (settings.deletes() != DeletePolicy.Delete) {
      return;
    }
    if (keyColumn < 0 || oldRow.kind(keyColumn) != TupleView.TEXT) {
      coalescer.reject(
          new RejectedChange(
              null,
              "DELETE_WITHOUT_KEY",
              "a row was deleted but the WAL does not carry its "
                  + settings.upsertKey()
                  + "; set the table's replica identity so it does (the runner's preflight names"
                  + " the ALTER TABLE ... REPLICA IDENTITY statement)",
              List.of(keyFieldName),
              payload(oldRow, columnOfField)),
          commitMicros);
      return;
    }
    if (oldRow.length(keyColumn) == 0) {
      return; // an empty key was never synced
    }
    coalescer.delete(
        oldRow.buffer(), oldRow.offset(keyColumn), oldRow.length(keyColumn), commitMicros);
  }

  @Override
  public void truncate(int[] relationIds, boolean cascade, boolean restartIdentity) {
    for (int id : relationIds) {
      if (id == relationId) {
        log.warn(
            "TRUNCATE of {}.{} is not propagated: destination records are kept",
            settings.schema(),
            settings.table());
      }
    }
  }

  /** Adds a row read by the initial snapshot or a replay (a full image, no commit time). */
  public void snapshotRow(TupleView row, int[] snapshotColumnOfField, int[] snapshotTypeOids) {
    recordedRow(row, snapshotColumnOfField, snapshotTypeOids, 0, 0);
  }

  /**
   * Adds a row read from the table: re-read (the key changed in an update, a two-way resend), or
   * read because trigger capture recorded its key.
   *
   * @param position the capture position stamped on its entry (0: unknown)
   * @param changedMicros when it changed (Postgres epoch µs; 0: unknown)
   */
  public void recordedRow(
      TupleView row, int[] columnOfField, int[] types, long position, long changedMicros) {
    long decoding = coalescer.position();
    coalescer.position(position);
    try {
      addSnapshotRow(row, columnOfField, types, changedMicros);
    } finally {
      coalescer.position(decoding);
    }
  }

  /**
   * A key the triggers recorded has no row (matching the row filter) any more: a delete, if the
   * deletes policy sends them. A null key was recorded for a row without one: it is rejected.
   */
  public void recordedGone(String key, long position, long changedMicros) {
    changesCaptured++;
    if (key == null) {
      hasKey(new TupleView(), -1, null, changedMicros);
    } else {
      queueDelete(key, position, changedMicros);
    }
  }

  /**
   * Queues a delete of a key whose row is gone from the table (two-way sync re-sending a key), if
   * the deletes policy sends deletes.
   *
   * @param readAt the capture position when the row was found missing
   * @return whether a delete was queued
   */
  public boolean keyGone(String key, long readAt) {
    return queueDelete(key, readAt, 0);
  }

  private boolean queueDelete(String key, long position, long changedMicros) {
    if (settings.deletes() != DeletePolicy.Delete || key.isEmpty()) {
      return false;
    }
    byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long decoding = coalescer.position();
    coalescer.position(position);
    try {
      coalescer.delete(bytes, 0, bytes.length, changedMicros);
    } finally {
      coalescer.position(decoding);
    }
    return true;
  }

  private void addSnapshotRow(
      TupleView row, int[] snapshotColumnOfField, int[] snapshotTypeOids, long changedMicros) {
    changesCaptured++;
    int column = snapshotColumnOfField[keyField];
    if (!hasKey(row, column, snapshotColumnOfField, changedMicros)) {
      return;
    }
    coalescer.upsert(
        row.buffer(),
        row.offset(column),
        row.length(column),
        row,
        snapshotColumnOfField,
        snapshotTypeOids,
        true,
        changedMicros);
  }

  private void upsert(TupleView row, boolean fullImage) {
    if (!hasKey(row, keyColumn, columnOfField, commitMicros)) {
      return;
    }
    coalescer.upsert(
        row.buffer(),
        row.offset(keyColumn),
        row.length(keyColumn),
        row,
        columnOfField,
        typeOids,
        fullImage,
        commitMicros);
  }

  private boolean hasKey(TupleView row, int column, int[] columns, long changedMicros) {
    if (column >= 0 && row.kind(column) == TupleView.TEXT && row.length(column) > 0) {
      return true;
    }
    String what =
        column >= 0 && row.kind(column) == TupleView.TEXT ? "is empty" : "is null or missing";
    coalescer.reject(
        new RejectedChange(
            null,
            column >= 0 && row.kind(column) == TupleView.TEXT
                ? "EMPTY_UPSERT_KEY"
                : "NULL_UPSERT_KEY",
            "the upsert key column "
                + settings.upsertKey()
                + " "
                + what
                + ", so the row cannot be upserted by "
                + keyFieldName
                + "; set "
                + settings.upsertKey()
                + " on the row and it will sync with its next change",
            List.of(keyFieldName),
            payload(row, columns)),
        changedMicros);
    return false;
  }

  private String payload(TupleView row, int[] columns) {
    ObjectNode json = JSON.createObjectNode();
    for (int f = 0; f < settings.mapping().size(); f++) {
      int column = columns == null ? -1 : columns[f];
      if (column >= 0 && row.kind(column) != TupleView.UNCHANGED_TOAST) {
        json.put(settings.mapping().get(f).column(), row.text(column));
      }
    }
    return json.toString();
  }

  private static boolean sameBytes(TupleView a, TupleView b, int column) {
    return java.util.Arrays.equals(
        a.buffer(),
        a.offset(column),
        a.offset(column) + a.length(column),
        b.buffer(),
        b.offset(column),
        b.offset(column) + b.length(column));
  }
}
