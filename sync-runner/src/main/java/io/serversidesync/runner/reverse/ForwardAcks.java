package io.serversidesync.runner.reverse;

import io.serversidesync.runner.deliver.AckedRecord;
import io.serversidesync.runner.deliver.ForwardObserver;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.StoredForm;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.reverse.decide.FieldHashes;
import io.serversidesync.runner.reverse.decide.SyncedVersion;
import io.serversidesync.runner.reverse.decide.VersionWrite;
import io.serversidesync.runner.reverse.store.IdWriteBack;
import io.serversidesync.runner.reverse.store.OriginSession;
import io.serversidesync.runner.reverse.store.RecentReverseWrites;
import io.serversidesync.runner.reverse.store.ResendQueue;
import io.serversidesync.runner.reverse.store.ReverseStore;
import io.serversidesync.runner.reverse.store.TableShape;
import io.serversidesync.runner.reverse.store.VersionsTable;
import io.serversidesync.runner.status.ReverseStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The forward direction's side of two-way sync. For every acknowledged record it writes the native
 * id the destination returned into the destination-id column (through the {@link OriginSession}, so
 * that write is not captured and sent back) and records the key's synced version with the time it
 * was recorded. A record that was sent although the runner had meanwhile written a newer
 * destination value into its row (the write raced the send) is asked to be sent again, so the
 * destination ends with the newer value. Superseded changes are not sent at all, and neither are
 * values the destination already acknowledged (a replay after a restart): a destination edit made
 * since stays for the reverse direction to read. A key asked to be sent again is sent whatever was
 * last acknowledged. Before a record is sent its values are marked as sent, until the
 * acknowledgement is recorded: the reverse direction may read the write before then.
 */
public final class ForwardAcks implements ForwardObserver {

  private final List<String> fieldNames;
  private final VersionsTable versions;
  private final OriginSession session;
  private final RecentReverseWrites recent;
  private final ResendQueue resends;
  private final ReverseStats stats;
  private final Clock clock;
  private final IdWriteBack ids;
  private final StoredForm form;

  /**
   * @param form how the destination stores values, for the sent values' hashes
   */
  ForwardAcks(
      TableShape shape,
      List<String> fieldNames,
      ReverseStore store,
      ReverseStats stats,
      Clock clock,
      StoredForm form) {
    this.form = form;
    this.fieldNames = List.copyOf(fieldNames);
    this.versions = store.versions();
    this.session = store.session();
    this.recent = store.recent();
    this.resends = store.resends();
    this.stats = stats;
    this.clock = clock;
    this.ids = new IdWriteBack(shape);
  }

  @Override
  public boolean superseded(String key, long lsn) {
    return recent.superseded(key, lsn);
  }

  @Override
  public List<DestinationRecord> unsynced(
      List<DestinationRecord> upserts, ToLongFunction<String> lsnOf) throws InterruptedException {
    List<String> keys = upserts.stream().map(DestinationRecord::externalId).toList();
    return session.transactionWithRetry(
        "read and mark the synced versions of " + upserts.size() + " record(s)",
        c -> {
          Map<String, SyncedVersion> known = versions.lock(c, keys);
          List<DestinationRecord> send = new ArrayList<>(upserts.size());
          Map<String, FieldHashes> sent = new TreeMap<>(); // in key order, as rows are locked
          for (DestinationRecord r : upserts) {
            SyncedVersion version = known.get(r.externalId());
            FieldHashes values = FieldHashes.ofFields(fieldNames, r.fields(), form);
            if (version == null || !version.delivered(lsnOf.applyAsLong(r.externalId()), values)) {
              send.add(r);
              sent.put(r.externalId(), values.over(version == null ? null : version.hashes()));
            }
          }
          versions.markSent(c, sent);
          return send.size() == upserts.size() ? upserts : send;
        });
  }

  @Override
  public List<DestinationRecord> deletesToSend(
      List<DestinationRecord> deletes, ToLongFunction<String> lsnOf) throws InterruptedException {
    List<String> keys = deletes.stream().map(DestinationRecord::externalId).toList();
    return session.transactionWithRetry(
        "read the synced versions of " + deletes.size() + " deleted record(s)",
        c -> {
          Map<String, SyncedVersion> known = versions.lock(c, keys);
          List<DestinationRecord> send = new ArrayList<>(deletes.size());
          for (DestinationRecord r : deletes) {
            SyncedVersion version = known.get(r.externalId());
            if (version == null || !version.acknowledgedSince(lsnOf.applyAsLong(r.externalId()))) {
              send.add(r);
            }
          }
          return send.size() == deletes.size() ? deletes : send;
        });
  }

  @Override
  public void abandoned(List<String> keys) throws InterruptedException {
    if (keys.isEmpty()) {
      return;
    }
    session.transactionWithRetry(
        "clear the marks of " + keys.size() + " record(s) that failed",
        c -> {
          versions.clearSent(c, keys);
          return null;
        });
  }

  @Override
  public void acknowledged(WriteOperation operation, List<AckedRecord> records)
      throws InterruptedException {
    int[] result =
        session.transactionWithRetry(
            "record the native ids and synced versions of " + records.size() + " record(s)",
            c -> record(c, operation, records));
    stats.idsWritten(result[0]);
    if (result[1] > 0) {
      resends.signal();
    }
  }

  /** Returns {rows whose id changed, keys to send again}. */
  private int[] record(Connection c, WriteOperation operation, List<AckedRecord> records)
      throws SQLException {
    int idsChanged = 0;
    if (operation == WriteOperation.UPSERT) {
      List<String> keys = new ArrayList<>();
      List<String> nativeIds = new ArrayList<>();
      for (AckedRecord r : records) {
        if (r.nativeId() != null) {
          keys.add(r.record().externalId());
          nativeIds.add(r.nativeId());
        }
      }
      if (!keys.isEmpty()) {
        idsChanged = ids.write(c, keys.toArray(String[]::new), nativeIds.toArray(String[]::new));
      }
    }
    Map<String, SyncedVersion> known =
        versions.lock(c, records.stream().map(r -> r.record().externalId()).toList());
    Instant now = clock.instant();
    List<VersionWrite> writes = new ArrayList<>(records.size());
    List<String> deletedNotRaced = new ArrayList<>();
    int resend = 0;
    for (AckedRecord r : records) {
      String key = r.record().externalId();
      SyncedVersion version = known.get(key);
      // the runner wrote a destination value into the row after this change was captured, and this
      // send may have overwritten it in the destination: send the row (with that value) again
      boolean raced =
          r.lsn() != 0
              && version != null
              && version.reverseLsn() != 0
              && Long.compareUnsigned(r.lsn(), version.reverseLsn()) < 0;
      if (raced) {
        resend++;
      } else if (operation == WriteOperation.DELETE) {
        deletedNotRaced.add(key);
      }
      writes.add(
          new VersionWrite(
              key,
              operation == WriteOperation.UPSERT
                  ? FieldHashes.ofFields(fieldNames, r.record().fields(), form)
                  : null,
              null,
              null,
              operation == WriteOperation.UPSERT ? r.nativeId() : null,
              now,
              0,
              raced ? version.reverseLsn() : 0));
    }
    versions.write(c, writes);
    if (operation == WriteOperation.DELETE) {
      // a raced key holds what a reverse write put there since (a record created in the
      // destination): only the others' records are gone
      versions.forgetDeleted(c, deletedNotRaced);
    }
    // deletes too: a delete replayed after a restart must not undo a newer change, nor an upsert
    // older than an acknowledged delete bring the record back
    Map<String, Long> lsns = new HashMap<>();
    for (AckedRecord r : records) {
      if (r.lsn() != 0) {
        lsns.merge(
            r.record().externalId(), r.lsn(), (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
      }
    }
    versions.recordForwardLsns(c, lsns);
    return new int[] {idsChanged, resend};
  }
}
