package io.serversidesync.runner.reverse;

import io.serversidesync.runner.capture.Lsn;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.convert.UnconvertibleValueException;
import io.serversidesync.runner.convert.ValueConverter;
import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangedRecord;
import io.serversidesync.runner.destination.DeletedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one page of changed destination records to the synced table in the caller's transaction
 * (the {@link OriginSession}'s, so nothing written here is captured): locks the keys' rows and last
 * synced versions, decides per record ({@link ReverseDecider}), writes the rows with a few
 * set-based statements, records the versions and saves the high-water mark. A value Postgres
 * refuses fails only its record.
 */
final class ReverseApplier {

  private static final int MAX_LOGGED_CHARS = 120;

  /** A record with its key and hashes. */
  private record Item(ChangedRecord record, String key, FieldHashes hashes) {}

  /** A row write and the keys it concerns. */
  private record Write(Item item, RowImage row) {}

  private final TableShape shape;
  private final VersionsTable versions;
  private final ReverseStateTable stateTable;
  private final ReverseDecider decider;
  private final boolean commitTimes;
  private final java.time.Duration settle;
  private final List<String> fieldNames;
  private final List<String> columnNames;
  private final String selectRowsSql;
  private final String updateSql;
  private final String insertSql;
  private final String idSql;
  private final String deleteSql;

  ReverseApplier(
      SyncSettings settings,
      TableShape shape,
      VersionsTable versions,
      ReverseStateTable stateTable,
      boolean commitTimes) {
    this.shape = shape;
    this.versions = versions;
    this.stateTable = stateTable;
    this.decider = new ReverseDecider(settings.twoWay().conflictPolicy());
    this.commitTimes = commitTimes;
    this.settle = settings.twoWay().settle();
    this.fieldNames = settings.fields();
    this.columnNames = settings.columns();
    this.selectRowsSql = selectRowsSql();
    this.updateSql = updateSql();
    this.insertSql = insertSql();
    this.idSql =
        "UPDATE "
            + shape.table()
            + " AS t SET "
            + shape.idColumn()
            + " = u.nid::"
            + shape.idType()
            + " FROM unnest(?::text[], ?::text[]) AS u(k, nid) WHERE t."
            + shape.key()
            + " = u.k::"
            + shape.keyType()
            + " AND t."
            + shape.idColumn()
            + " IS DISTINCT FROM u.nid::"
            + shape.idType();
    this.deleteSql =
        "DELETE FROM "
            + shape.table()
            + " AS t USING unnest(?::text[]) AS u(k) WHERE t."
            + shape.key()
            + " = u.k::"
            + shape.keyType();
  }

  /**
   * Applies a page and saves the high-water mark, in the caller's transaction.
   *
   * @param records the page, in the destination's change order
   * @param readStarted when the read that returned the page began
   * @param cursor the high-water mark before this page
   * @param held whether an earlier page of this poll held the mark back
   */
  PageResult apply(
      Connection c,
      List<ChangedRecord> records,
      Instant readStarted,
      ChangeCursor cursor,
      boolean held)
      throws SQLException {
    EnumMap<Skip, Integer> skipped = new EnumMap<>(Skip.class);
    Map<Skip, String> examples = new EnumMap<>(Skip.class);
    Map<String, Item> byKey = new LinkedHashMap<>();
    for (ChangedRecord r : records) {
      if (r.externalId() == null || r.externalId().isEmpty()) {
        count(skipped, examples, Skip.EMPTY_EXTERNAL_ID, r.nativeId());
        continue;
      }
      // a later version of the same key in the page replaces an earlier one
      byKey.remove(r.externalId());
      byKey.put(
          r.externalId(),
          new Item(r, r.externalId(), FieldHashes.ofFields(fieldNames, r.fields())));
    }
    Map<String, RowImage> rows = lockRows(c, byKey.keySet());
    Set<String> versionKeys = new HashSet<>(byKey.keySet());
    rows.values().forEach(row -> versionKeys.add(row.key()));
    Map<String, SyncedVersion> found = versions.lock(c, versionKeys);

    EnumMap<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    Map<String, Decision> decisions = new HashMap<>();
    List<Write> updates = new ArrayList<>();
    List<Write> inserts = new ArrayList<>();
    List<Write> idFills = new ArrayList<>();
    List<ConflictNote> conflicts = new ArrayList<>();
    for (Item item : byKey.values()) {
      RowImage row = rows.get(item.key());
      SyncedVersion version = found.get(row != null ? row.key() : item.key());
      ChangedRecord r = item.record();
      Decision d =
          decider.decide(r.nativeId(), r.modifiedAt(), item.hashes(), readStarted, version, row);
      decisions.put(item.key(), d);
      verdicts.merge(d.verdict(), 1, Integer::sum);
      if (d.conflict()) {
        conflicts.add(note(item, row, d.verdict().writesRow()));
      }
      switch (d.verdict()) {
        case APPLY -> (row == null ? inserts : updates).add(new Write(item, row));
        case INSERT -> inserts.add(new Write(item, null));
        case ECHO, AGREE, SOURCE_WINS -> {
          if (row != null && !r.nativeId().equals(row.nativeId())) {
            idFills.add(new Write(item, row));
          }
        }
        case DELETED_IN_SOURCE -> count(skipped, examples, Skip.DELETED_IN_POSTGRES, r.nativeId());
        default -> {
          // STALE, OLDER, SEEN: nothing to write
        }
      }
    }

    Set<String> rejected = new HashSet<>();
    Set<String> inserted = new HashSet<>();
    rejected.addAll(
        eachOrBatch(c, updates, this::update, skipped, examples).stream()
            .map(w -> w.item().key())
            .toList());
    List<Write> insertRejects =
        eachOrBatch(
            c, inserts, (conn, batch) -> inserted.addAll(insert(conn, batch)), skipped, examples);
    insertRejects.forEach(w -> rejected.add(w.item().key()));
    eachOrBatch(c, idFills, this::fillIds, skipped, examples);

    boolean resend = false;
    boolean anyWrite = !updates.isEmpty() || !inserted.isEmpty();
    for (Decision d : decisions.values()) {
      resend |= d.resend();
    }
    long lsn = anyWrite || resend ? currentLsn(c) : 0;
    Map<String, Long> written = new LinkedHashMap<>();
    List<VersionWrite> writes = new ArrayList<>();
    for (Item item : byKey.values()) {
      if (rejected.contains(item.key())) {
        continue;
      }
      Decision d = decisions.get(item.key());
      RowImage row = rows.get(item.key());
      ChangedRecord r = item.record();
      String key = row != null ? row.key() : item.key();
      long resendAfter = d.resend() ? lsn : 0;
      switch (d.verdict()) {
        case APPLY, INSERT -> {
          if (row == null && !inserted.contains(item.key())) {
            // a row inserted by the application meanwhile: its own change goes forward
            continue;
          }
          written.put(key, lsn);
          writes.add(
              new VersionWrite(
                  key,
                  item.hashes(),
                  r.modifiedAt(),
                  item.hashes(),
                  r.nativeId(),
                  null,
                  lsn,
                  resendAfter));
        }
        case AGREE ->
            writes.add(
                new VersionWrite(
                    key, item.hashes(), r.modifiedAt(), item.hashes(), r.nativeId(), null, 0, 0));
        case ECHO ->
            writes.add(
                new VersionWrite(
                    key, null, r.modifiedAt(), item.hashes(), r.nativeId(), null, 0, 0));
        case SOURCE_WINS ->
            writes.add(
                new VersionWrite(
                    key, null, r.modifiedAt(), item.hashes(), r.nativeId(), null, 0, resendAfter));
        case DELETED_IN_SOURCE ->
            // remembered, so the re-reads while it settles are not counted again
            writes.add(
                new VersionWrite(key, null, r.modifiedAt(), item.hashes(), null, null, 0, 0));
        default -> {
          // STALE, OLDER, SEEN: the version stays as it is
        }
      }
    }
    versions.write(c, writes);

    ChangeCursor next = cursor;
    boolean holding = held;
    Instant settledBefore = readStarted.minus(settle);
    for (ChangedRecord r : records) {
      if (holding) {
        break;
      }
      Decision d = r.externalId() == null ? null : decisions.get(r.externalId());
      if ((d != null && d.verdict() == Verdict.STALE) || !r.modifiedAt().isBefore(settledBefore)) {
        // re-read from here next poll: an out-of-date read then shows the destination's newer
        // version, and a young record may still change within its second or commit late
        holding = true;
      } else {
        next = ChangeCursor.of(r);
      }
    }
    if (!next.equals(cursor)) {
      stateTable.saveCursor(c, next);
    }
    return new PageResult(
        records.size() - verdicts.getOrDefault(Verdict.SEEN, 0),
        verdicts,
        skipped,
        examples,
        conflicts,
        written,
        idFills.size() + updates.size() + inserted.size(),
        resend,
        next,
        holding);
  }

  /**
   * Applies records deleted in the destination (spec.deletes: Delete) and saves how far deletions
   * were read, in the caller's transaction.
   */
  PageResult applyDeletions(Connection c, List<DeletedRecord> deleted, Instant coveredUntil)
      throws SQLException {
    List<String> ids = deleted.stream().map(DeletedRecord::nativeId).toList();
    Map<String, SyncedVersion> byId = versions.lockByNativeIds(c, ids);
    Map<String, RowImage> rows =
        lockRows(c, byId.values().stream().map(SyncedVersion::key).toList());
    EnumMap<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    EnumMap<Skip, Integer> skipped = new EnumMap<>(Skip.class);
    Map<Skip, String> examples = new EnumMap<>(Skip.class);
    List<ConflictNote> conflicts = new ArrayList<>();
    List<Write> deletes = new ArrayList<>();
    List<String> goneBoth = new ArrayList<>();
    Set<String> resendKeys = new HashSet<>();
    for (DeletedRecord d : deleted) {
      SyncedVersion version = byId.get(d.nativeId());
      if (version == null) {
        continue; // never synced
      }
      RowImage row = rows.get(version.key());
      if (row == null) {
        goneBoth.add(version.key());
        continue;
      }
      Decision decision = decider.decideDeletion(d.deletedAt(), version, row);
      verdicts.merge(decision.verdict(), 1, Integer::sum);
      ChangedRecord asRecord =
          new ChangedRecord(d.nativeId(), version.key(), d.deletedAt(), Map.of());
      if (decision.conflict()) {
        conflicts.add(
            note(new Item(asRecord, version.key(), null), row, decision.verdict().writesRow()));
      }
      if (decision.resend()) {
        resendKeys.add(version.key());
      }
      if (decision.verdict() == Verdict.APPLY) {
        deletes.add(new Write(new Item(asRecord, version.key(), null), row));
      }
    }
    List<Write> rejected = eachOrBatch(c, deletes, this::delete, skipped, examples);
    Set<String> rejectedKeys = new HashSet<>();
    rejected.forEach(w -> rejectedKeys.add(w.item().key()));
    Map<String, Long> written = new LinkedHashMap<>();
    List<String> tombstones = new ArrayList<>(goneBoth);
    long lsn = deletes.size() > rejected.size() || !resendKeys.isEmpty() ? currentLsn(c) : 0;
    for (Write w : deletes) {
      if (!rejectedKeys.contains(w.item().key())) {
        written.put(w.item().key(), lsn);
        tombstones.add(w.item().key());
      }
    }
    resendKeys.removeAll(rejectedKeys);
    versions.tombstone(c, tombstones, lsn);
    versions.requestResend(c, resendKeys, lsn);
    stateTable.saveDeletionsFrom(c, coveredUntil);
    return new PageResult(
        deleted.size(),
        verdicts,
        skipped,
        examples,
        conflicts,
        written,
        0,
        !resendKeys.isEmpty(),
        null,
        false);
  }

  // ---- reading rows

  private Map<String, RowImage> lockRows(Connection c, java.util.Collection<String> keys)
      throws SQLException {
    if (keys.isEmpty()) {
      return new HashMap<>();
    }
    Savepoint all = c.setSavepoint();
    try {
      Map<String, RowImage> rows = selectRows(c, keys);
      c.releaseSavepoint(all);
      return rows;
    } catch (SQLException e) {
      if (!OriginSession.isDataError(e)) {
        throw e;
      }
      c.rollback(all);
    }
    // some key does not fit the key column's type: look the keys up one by one (that key has no
    // row; inserting it fails its record only)
    Map<String, RowImage> rows = new HashMap<>();
    for (String key : keys) {
      Savepoint one = c.setSavepoint();
      try {
        rows.putAll(selectRows(c, List.of(key)));
        c.releaseSavepoint(one);
      } catch (SQLException e) {
        if (!OriginSession.isDataError(e)) {
          throw e;
        }
        c.rollback(one);
      }
    }
    return rows;
  }

  private Map<String, RowImage> selectRows(Connection c, java.util.Collection<String> keys)
      throws SQLException {
    Map<String, RowImage> rows = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(selectRowsSql)) {
      s.setArray(1, c.createArrayOf("text", keys.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        int n = shape.fieldCount();
        while (rs.next()) {
          List<String> texts = new ArrayList<>(n);
          List<Object> values = new ArrayList<>(n);
          for (int f = 0; f < n; f++) {
            String text = rs.getString(3 + f);
            texts.add(text);
            values.add(typed(f, text));
          }
          boolean[] known = new boolean[n];
          java.util.Arrays.fill(known, true);
          Timestamp committed = commitTimes ? rs.getTimestamp(4 + n) : null;
          rows.put(
              rs.getString(1),
              new RowImage(
                  rs.getString(2),
                  texts,
                  FieldHashes.ofValues(values, known),
                  rs.getString(3 + n),
                  committed == null ? null : committed.toInstant()));
        }
      }
    }
    return rows;
  }

  /** A column's text as the capture side would type it, so both directions hash alike. */
  private Object typed(int field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return ValueConverter.convert(shape.typeOids()[field], text);
    } catch (UnconvertibleValueException e) {
      return text;
    }
  }

  // ---- writing rows

  @FunctionalInterface
  private interface BatchWriter {
    void write(Connection c, List<Write> batch) throws SQLException;
  }

  /**
   * Writes the batch with one statement; if Postgres refuses a value, writes the records one by one
   * and returns those refused (counted and logged as skipped).
   */
  private List<Write> eachOrBatch(
      Connection c,
      List<Write> batch,
      BatchWriter writer,
      EnumMap<Skip, Integer> skipped,
      Map<Skip, String> examples)
      throws SQLException {
    if (batch.isEmpty()) {
      return List.of();
    }
    Savepoint all = c.setSavepoint();
    try {
      writer.write(c, batch);
      c.releaseSavepoint(all);
      return List.of();
    } catch (SQLException e) {
      if (!OriginSession.isDataError(e)) {
        throw e;
      }
      c.rollback(all);
    }
    List<Write> refused = new ArrayList<>();
    for (Write w : batch) {
      Savepoint one = c.setSavepoint();
      try {
        writer.write(c, List.of(w));
        c.releaseSavepoint(one);
      } catch (SQLException e) {
        if (!OriginSession.isDataError(e)) {
          throw e;
        }
        c.rollback(one);
        refused.add(w);
        count(
            skipped,
            examples,
            Skip.REJECTED_BY_POSTGRES,
            w.item().record().nativeId() + " (key " + w.item().key() + "): " + e.getMessage());
      }
    }
    return refused;
  }

  private void update(Connection c, List<Write> batch) throws SQLException {
    int n = shape.fieldCount();
    List<String[]> arrays = new ArrayList<>();
    String[] keys = new String[batch.size()];
    String[] ids = new String[batch.size()];
    List<String[]> values = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      values.add(f == shape.keyField() ? null : new String[batch.size()]);
    }
    for (int i = 0; i < batch.size(); i++) {
      Write w = batch.get(i);
      keys[i] = w.row().key();
      ids[i] = w.item().record().nativeId();
      for (int f = 0; f < n; f++) {
        if (f != shape.keyField()) {
          values.get(f)[i] = PgText.of(w.item().record().fields().get(fieldNames.get(f)));
        }
      }
    }
    arrays.add(keys);
    for (int f = 0; f < n; f++) {
      if (f != shape.keyField()) {
        arrays.add(values.get(f));
      }
    }
    arrays.add(ids);
    execute(c, updateSql, arrays);
  }

  private Set<String> insert(Connection c, List<Write> batch) throws SQLException {
    int n = shape.fieldCount();
    List<String[]> arrays = new ArrayList<>();
    String[] keys = new String[batch.size()];
    String[] ids = new String[batch.size()];
    List<String[]> values = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      values.add(f == shape.keyField() ? null : new String[batch.size()]);
    }
    for (int i = 0; i < batch.size(); i++) {
      Write w = batch.get(i);
      keys[i] = w.item().key();
      ids[i] = w.item().record().nativeId();
      for (int f = 0; f < n; f++) {
        if (f != shape.keyField()) {
          values.get(f)[i] = PgText.of(w.item().record().fields().get(fieldNames.get(f)));
        }
      }
    }
    arrays.add(keys);
    for (int f = 0; f < n; f++) {
      if (f != shape.keyField()) {
        arrays.add(values.get(f));
      }
    }
    arrays.add(ids);
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(insertSql)) {
      for (int i = 0; i < arrays.size(); i++) {
        s.setArray(i + 1, c.createArrayOf("text", arrays.get(i)));
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
    }
    if (inserted.size() == batch.size()) {
      // every record became a row; key texts as the destination spelled them
      inserted.clear();
      batch.forEach(w -> inserted.add(w.item().key()));
    }
    return inserted;
  }

  private void fillIds(Connection c, List<Write> batch) throws SQLException {
    String[] keys = new String[batch.size()];
    String[] ids = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      keys[i] = batch.get(i).row().key();
      ids[i] = batch.get(i).item().record().nativeId();
    }
    execute(c, idSql, List.of(keys, ids));
  }

  private void delete(Connection c, List<Write> batch) throws SQLException {
    String[] keys = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      keys[i] = batch.get(i).row().key();
    }
    execute(c, deleteSql, List.<String[]>of(keys));
  }

  private static void execute(Connection c, String sql, List<String[]> arrays) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < arrays.size(); i++) {
        s.setArray(i + 1, c.createArrayOf("text", arrays.get(i)));
      }
      s.executeUpdate();
    }
  }

  /**
   * The WAL insert position now, after this transaction's writes and before its commit: a change
   * committed before these writes lies below it, one committed after them above it.
   */
  private static long currentLsn(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_current_wal_insert_lsn()::text");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return Lsn.parse(rs.getString(1));
    }
  }

  // ---- SQL

  private String selectRowsSql() {
    StringBuilder sql = new StringBuilder("SELECT u.k, t.").append(shape.key()).append("::text");
    for (String column : shape.columns()) {
      sql.append(", t.").append(column).append("::text");
    }
    sql.append(", t.").append(shape.idColumn()).append("::text");
    if (commitTimes) {
      sql.append(", pg_xact_commit_timestamp(t.xmin)");
    }
    return sql.append(" FROM unnest(?::text[]) AS u(k) JOIN ")
        .append(shape.table())
        .append(" AS t ON t.")
        .append(shape.key())
        .append(" = u.k::")
        .append(shape.keyType())
        .append(" ORDER BY t.")
        .append(shape.key())
        .append(" FOR UPDATE OF t")
        .toString();
  }

  private String updateSql() {
    StringBuilder set = new StringBuilder();
    StringBuilder from = new StringBuilder("unnest(?::text[]");
    StringBuilder names = new StringBuilder("k");
    for (int f = 0; f < shape.fieldCount(); f++) {
      if (f == shape.keyField()) {
        continue;
      }
      set.append(shape.columns().get(f))
          .append(" = u.v")
          .append(f)
          .append("::")
          .append(shape.types().get(f))
          .append(", ");
      from.append(", ?::text[]");
      names.append(", v").append(f);
    }
    set.append(shape.idColumn()).append(" = u.nid::").append(shape.idType());
    from.append(", ?::text[])");
    names.append(", nid");
    return "UPDATE "
        + shape.table()
        + " AS t SET "
        + set
        + " FROM "
        + from
        + " AS u("
        + names
        + ") WHERE t."
        + shape.key()
        + " = u.k::"
        + shape.keyType();
  }

  private String insertSql() {
    StringBuilder columns = new StringBuilder(shape.key());
    StringBuilder select = new StringBuilder("u.k::").append(shape.keyType());
    StringBuilder from = new StringBuilder("unnest(?::text[]");
    StringBuilder names = new StringBuilder("k");
    for (int f = 0; f < shape.fieldCount(); f++) {
      if (f == shape.keyField()) {
        continue;
      }
      columns.append(", ").append(shape.columns().get(f));
      select.append(", u.v").append(f).append("::").append(shape.types().get(f));
      from.append(", ?::text[]");
      names.append(", v").append(f);
    }
    columns.append(", ").append(shape.idColumn());
    select.append(", u.nid::").append(shape.idType());
    from.append(", ?::text[])");
    names.append(", nid");
    return "INSERT INTO "
        + shape.table()
        + " ("
        + columns
        + ") SELECT "
        + select
        + " FROM "
        + from
        + " AS u("
        + names
        + ") ON CONFLICT ("
        + shape.key()
        + ") DO NOTHING RETURNING "
        + shape.key()
        + "::text";
  }

  // ---- accounting

  private static void count(
      EnumMap<Skip, Integer> skipped, Map<Skip, String> examples, Skip reason, String example) {
    skipped.merge(reason, 1, Integer::sum);
    examples.putIfAbsent(reason, example);
  }

  private ConflictNote note(Item item, RowImage row, boolean destinationWon) {
    Map<String, String> source = new LinkedHashMap<>();
    for (int f = 0; f < columnNames.size(); f++) {
      source.put(columnNames.get(f), shorten(row.texts().get(f)));
    }
    Map<String, String> destination = new LinkedHashMap<>();
    item.record()
        .fields()
        .forEach((field, value) -> destination.put(field, shorten(FieldHashes.canonical(value))));
    return new ConflictNote(
        item.key(),
        source,
        row.committedAt(),
        destination,
        item.record().modifiedAt(),
        item.record().nativeId(),
        destinationWon);
  }

  private static String shorten(String value) {
    return value == null || value.length() <= MAX_LOGGED_CHARS
        ? value
        : value.substring(0, MAX_LOGGED_CHARS) + "…";
  }
}
