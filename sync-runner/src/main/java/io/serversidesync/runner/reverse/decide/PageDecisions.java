package io.serversidesync.runner.reverse.decide;

import io.serversidesync.runner.destination.ChangedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions on a page's records ({@link ReverseDecider}) and what follows from them: the rows
 * to update, insert, or give their native id; the conflicts to log; and, once the writes are done,
 * the synced versions to record.
 */
public final class PageDecisions {

  private final Map<String, Decision> byKey = new HashMap<>();
  private final EnumMap<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
  private final List<RowWrite> updates = new ArrayList<>();
  private final List<RowWrite> inserts = new ArrayList<>();
  private final List<RowWrite> idFills = new ArrayList<>();
  private final List<RowWrite> kept = new ArrayList<>();
  private final List<ConflictNote> conflicts = new ArrayList<>();

  private PageDecisions() {}

  /**
   * Decides on each record.
   *
   * @param rows the locked rows by record key
   * @param found the locked synced versions by row key (or record key when there is no row)
   * @param readStarted when the read that returned the page began
   */
  public static PageDecisions decide(
      Collection<PageItem> items,
      Map<String, RowImage> rows,
      Map<String, SyncedVersion> found,
      Instant readStarted,
      ReverseDecider decider,
      ConflictNotes notes,
      SkipTally skips) {
    PageDecisions page = new PageDecisions();
    for (PageItem item : items) {
      RowImage row = rows.get(item.key());
      SyncedVersion version = found.get(row != null ? row.key() : item.key());
      ChangedRecord r = item.record();
      Decision d =
          decider.decide(r.nativeId(), r.modifiedAt(), item.hashes(), readStarted, version, row);
      page.byKey.put(item.key(), d);
      boolean inserts =
          d.verdict() == Verdict.INSERT || (d.verdict() == Verdict.APPLY && row == null);
      if (inserts && item.partlyUnknown()) {
        skips.count(Skip.PARENT_WITHOUT_KEY, parentsWithoutKey(r));
        continue;
      }
      page.verdicts.merge(d.verdict(), 1, Integer::sum);
      if (d.conflict()) {
        page.conflicts.add(notes.note(item, row, d.verdict().writesRow()));
      }
      switch (d.verdict()) {
        case APPLY -> (row == null ? page.inserts : page.updates).add(new RowWrite(item, row));
        case INSERT -> page.inserts.add(new RowWrite(item, null));
        case ECHO, AGREE, SOURCE_WINS -> {
          if (row != null && !r.nativeId().equals(row.nativeId())) {
            page.idFills.add(new RowWrite(item, row));
          }
          if (row != null && d.verdict() != Verdict.SOURCE_WINS) {
            page.kept.add(new RowWrite(item, row));
          }
        }
        case DELETED_IN_SOURCE -> skips.count(Skip.DELETED_IN_POSTGRES, r.nativeId());
        default -> {
          // STALE, OLDER, SEEN: nothing to write
        }
      }
    }
    return page;
  }

  /** "003… (AccountId 001…)": the record and the parents whose external id it could not read. */
  private static String parentsWithoutKey(ChangedRecord r) {
    StringBuilder out = new StringBuilder(r.nativeId()).append(" (");
    String separator = "";
    for (Map.Entry<String, String> parent : r.parentIds().entrySet()) {
      if (!r.fields().containsKey(parent.getKey())) {
        out.append(separator).append(parent.getKey()).append(' ').append(parent.getValue());
        separator = ", ";
      }
    }
    return out.append(')').toString();
  }

  /** The decision on the record of {@code key}, or null if the page had none. */
  Decision of(String key) {
    return byKey.get(key);
  }

  public EnumMap<Verdict, Integer> verdicts() {
    return verdicts;
  }

  /** Locked rows to overwrite with destination values. */
  public List<RowWrite> updates() {
    return updates;
  }

  /** Keys without a row to insert. */
  public List<RowWrite> inserts() {
    return inserts;
  }

  /** Rows that keep their values but lack (or hold another) native id. */
  public List<RowWrite> idFills() {
    return idFills;
  }

  /**
   * Rows that keep their values because they already agree with the record (the runner's own writes
   * among them), so what else the record tells, such as its parents' ids, holds for them.
   */
  public List<RowWrite> kept() {
    return kept;
  }

  public List<ConflictNote> conflicts() {
    return conflicts;
  }

  /** Whether some key must be sent forward again. */
  public boolean resend() {
    boolean resend = false;
    for (Decision d : byKey.values()) {
      resend |= d.resend();
    }
    return resend;
  }

  /**
   * The synced versions to record for the records Postgres did not refuse, and the keys whose rows
   * were written (into {@code written}, with the WAL position of the writes).
   *
   * @param rejected keys whose write Postgres refused
   * @param inserted keys whose row was inserted
   * @param lsn the WAL position of this page's writes (0 when nothing was written)
   */
  public List<VersionWrite> versions(
      Collection<PageItem> items,
      Map<String, RowImage> rows,
      Set<String> rejected,
      Set<String> inserted,
      long lsn,
      Map<String, Long> written) {
    List<VersionWrite> writes = new ArrayList<>();
    for (PageItem item : items) {
      if (rejected.contains(item.key())) {
        continue;
      }
      Decision d = byKey.get(item.key());
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
    return writes;
  }
}
