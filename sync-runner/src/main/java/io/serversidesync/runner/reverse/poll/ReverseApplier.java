package io.serversidesync.runner.reverse.poll;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangedRecord;
import io.serversidesync.runner.destination.DeletedRecord;
import io.serversidesync.runner.destination.StoredForm;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.runner.reverse.decide.ConflictNote;
import io.serversidesync.runner.reverse.decide.ConflictNotes;
import io.serversidesync.runner.reverse.decide.Decision;
import io.serversidesync.runner.reverse.decide.FieldHashes;
import io.serversidesync.runner.reverse.decide.HighWaterMark;
import io.serversidesync.runner.reverse.decide.PageDecisions;
import io.serversidesync.runner.reverse.decide.PageItem;
import io.serversidesync.runner.reverse.decide.PageResult;
import io.serversidesync.runner.reverse.decide.ReverseDecider;
import io.serversidesync.runner.reverse.decide.RowImage;
import io.serversidesync.runner.reverse.decide.RowWrite;
import io.serversidesync.runner.reverse.decide.Skip;
import io.serversidesync.runner.reverse.decide.SkipTally;
import io.serversidesync.runner.reverse.decide.SyncedVersion;
import io.serversidesync.runner.reverse.decide.Verdict;
import io.serversidesync.runner.reverse.store.BatchWrites;
import io.serversidesync.runner.reverse.store.IdWriteBack;
import io.serversidesync.runner.reverse.store.OriginSession;
import io.serversidesync.runner.reverse.store.ParentIdWriteBack;
import io.serversidesync.runner.reverse.store.ReverseStateTable;
import io.serversidesync.runner.reverse.store.RowLocker;
import io.serversidesync.runner.reverse.store.RowWriter;
import io.serversidesync.runner.reverse.store.TableShape;
import io.serversidesync.runner.reverse.store.VersionsTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one page of changed destination records to the synced table in the caller's transaction
 * (the {@link OriginSession}'s, so nothing written here is captured): locks the keys' rows ({@link
 * RowLocker}) and last synced versions, decides per record ({@link PageDecisions}), writes the rows
 * with a few set-based statements ({@link RowWriter}, {@link IdWriteBack}, {@link
 * ParentIdWriteBack}), records the versions and saves the high-water mark. A value Postgres refuses
 * fails only its record ({@link BatchWrites}).
 */
public final class ReverseApplier {

  private final VersionsTable versions;
  private final ReverseStateTable stateTable;
  private final ReverseDecider decider;
  private final Duration settle;
  private final List<String> fieldNames;
  private final RowLocker locker;
  private final RowWriter writer;
  private final IdWriteBack ids;
  private final ParentIdWriteBack parentIds;
  private final ConflictNotes notes;
  private final StoredForm form;

  public ReverseApplier(
      SyncSettings settings,
      TableShape shape,
      VersionsTable versions,
      ReverseStateTable stateTable,
      boolean commitTimes,
      StoredForm form) {
    this.form = form;
    this.versions = versions;
    this.stateTable = stateTable;
    this.decider = new ReverseDecider(settings.twoWay().conflictPolicy());
    this.settle = settings.twoWay().settle();
    this.fieldNames = settings.fields();
    this.locker = new RowLocker(shape, commitTimes, form);
    this.writer = new RowWriter(shape, fieldNames);
    this.ids = new IdWriteBack(shape);
    this.parentIds = new ParentIdWriteBack(shape);
    this.notes = new ConflictNotes(settings.columns(), form);
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
    SkipTally skips = new SkipTally();
    Map<String, PageItem> byKey = new LinkedHashMap<>();
    for (ChangedRecord r : records) {
      if (r.externalId() == null || r.externalId().isEmpty()) {
        skips.count(Skip.EMPTY_EXTERNAL_ID, r.nativeId());
        continue;
      }
      // a later version of the same key in the page replaces an earlier one
      byKey.remove(r.externalId());
      byKey.put(
          r.externalId(),
          new PageItem(r, r.externalId(), FieldHashes.ofFields(fieldNames, r.fields(), form)));
    }
    Map<String, RowImage> rows = locker.lock(c, byKey.keySet());
    byKey.replaceAll((key, item) -> item.completedFrom(rows.get(key), fieldNames));
    Set<String> versionKeys = new HashSet<>(byKey.keySet());
    rows.values().forEach(row -> versionKeys.add(row.key()));
    Map<String, SyncedVersion> found = versions.lock(c, versionKeys);
    PageDecisions page =
        PageDecisions.decide(byKey.values(), rows, found, readStarted, decider, notes, skips);

    Set<String> rejected = new HashSet<>();
    Set<String> inserted = new HashSet<>();
    rejected.addAll(
        BatchWrites.writeOrIsolate(c, page.updates(), writer::update, skips).stream()
            .map(w -> w.item().key())
            .toList());
    List<RowWrite> insertRejects =
        BatchWrites.writeOrIsolate(
            c, page.inserts(), (conn, batch) -> inserted.addAll(writer.insert(conn, batch)), skips);
    insertRejects.forEach(w -> rejected.add(w.item().key()));
    BatchWrites.writeOrIsolate(c, page.idFills(), ids::fill, skips);
    BatchWrites.writeOrIsolate(c, parentIdRows(page, rejected, inserted), parentIds::fill, skips);

    boolean resend = page.resend();
    boolean anyWrite = !page.updates().isEmpty() || !inserted.isEmpty();
    long lsn = anyWrite || resend ? currentLsn(c) : 0;
    Map<String, Long> written = new LinkedHashMap<>();
    versions.write(c, page.versions(byKey.values(), rows, rejected, inserted, lsn, written));

    HighWaterMark mark =
        new HighWaterMark(cursor, held).advance(records, page, readStarted.minus(settle));
    if (!mark.cursor().equals(cursor)) {
      stateTable.saveCursor(c, mark.cursor());
    }
    return new PageResult(
        records.size() - page.verdicts().getOrDefault(Verdict.SEEN, 0),
        page.verdicts(),
        skips.counts(),
        skips.examples(),
        page.conflicts(),
        written,
        page.idFills().size() + page.updates().size() + inserted.size(),
        resend,
        mark.cursor(),
        mark.held());
  }

  /** The rows that now hold what their record holds: written from it, or agreeing with it. */
  private static List<RowWrite> parentIdRows(
      PageDecisions page, Set<String> rejected, Set<String> inserted) {
    List<RowWrite> rows = new ArrayList<>(page.kept());
    page.updates().stream().filter(w -> !rejected.contains(w.item().key())).forEach(rows::add);
    page.inserts().stream().filter(w -> inserted.contains(w.item().key())).forEach(rows::add);
    return rows;
  }

  /**
   * Applies records deleted in the destination (spec.deletes: Delete) and saves how far deletions
   * were read, in the caller's transaction.
   */
  PageResult applyDeletions(Connection c, List<DeletedRecord> deleted, Instant coveredUntil)
      throws SQLException {
    List<String> nativeIds = deleted.stream().map(DeletedRecord::nativeId).toList();
    Map<String, SyncedVersion> byId = versions.lockByNativeIds(c, nativeIds);
    Map<String, RowImage> rows =
        locker.lock(c, byId.values().stream().map(SyncedVersion::key).toList());
    EnumMap<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    SkipTally skips = new SkipTally();
    List<ConflictNote> conflicts = new ArrayList<>();
    List<RowWrite> deletes = new ArrayList<>();
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
            notes.note(
                new PageItem(asRecord, version.key(), null), row, decision.verdict().writesRow()));
      }
      if (decision.resend()) {
        resendKeys.add(version.key());
      }
      if (decision.verdict() == Verdict.APPLY) {
        deletes.add(new RowWrite(new PageItem(asRecord, version.key(), null), row));
      }
    }
    List<RowWrite> rejected = BatchWrites.writeOrIsolate(c, deletes, writer::delete, skips);
    Set<String> rejectedKeys = new HashSet<>();
    rejected.forEach(w -> rejectedKeys.add(w.item().key()));
    Map<String, Long> written = new LinkedHashMap<>();
    List<String> tombstones = new ArrayList<>(goneBoth);
    long lsn = deletes.size() > rejected.size() || !resendKeys.isEmpty() ? currentLsn(c) : 0;
    for (RowWrite w : deletes) {
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
        skips.counts(),
        skips.examples(),
        conflicts,
        written,
        0,
        !resendKeys.isEmpty(),
        null,
        false);
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
}
