package io.serversidesync.runner.deliver;

import io.serversidesync.runner.coalesce.PendingChange;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.errors.ErrorEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where two-way sync meets forward delivery, around the destination write: it keeps
 * back changes a runner write superseded, marks a request's records before its first attempt (so
 * their echo is known before the answer), and records what each attempt acknowledged. With {@link
 * ForwardObserver#NONE} (one-way) it only writes.
 */
final class ForwardGate {

  private static final Logger log = LoggerFactory.getLogger(ForwardGate.class);

  private final Destination destination;
  private final ForwardObserver observer;

  ForwardGate(Destination destination, ForwardObserver observer) {
    this.destination = destination;
    this.observer = observer;
  }

  /** The changes of a cut to send: those no runner write of a newer destination value beat. */
  List<PendingChange> notSuperseded(List<PendingChange> changes) {
    List<PendingChange> send = new ArrayList<>(changes.size());
    for (PendingChange change : changes) {
      if (!observer.superseded(change.key(), change.lsn())) {
        send.add(change);
      }
    }
    if (send.size() < changes.size()) {
      log.debug(
          "{} key(s) not sent: the runner applied a newer destination value to their rows",
          changes.size() - send.size());
    }
    return send;
  }

  /** Records of a cut that ended as errors: their writes are over without reaching it. */
  void abandoned(List<ErrorEntry> entries) throws InterruptedException {
    if (!entries.isEmpty()) {
      observer.abandoned(entries.stream().map(ErrorEntry::upsertKey).toList());
    }
  }

  /** One request's way through the gate: {@link Request#admit} once, then its attempts. */
  Request request(DeliveryPath path, WriteOperation op, List<PendingChange> changes) {
    return new Request(path, op, changes);
  }

  final class Request {

    private final DeliveryPath path;
    private final WriteOperation op;
    private final List<PendingChange> changes;
    private Map<String, PendingChange> byKey;

    private Request(DeliveryPath path, WriteOperation op, List<PendingChange> changes) {
      this.path = path;
      this.op = op;
      this.changes = changes;
    }

    /**
     * Before the first attempt: the records to send, marked as being sent (changes no newer than
     * what the destination acknowledged are left out, and so are changes a runner write superseded
     * since the cut was taken: a cut's later requests are admitted seconds after its first, and a
     * destination value applied to the row meanwhile must not be overwritten by an older one).
     */
    List<DestinationRecord> admit(List<DestinationRecord> records) throws InterruptedException {
      if (observer == ForwardObserver.NONE) {
        return records;
      }
      ToLongFunction<String> lsnOf =
          key -> {
            PendingChange change = change(key);
            return change == null ? 0 : change.lsn();
          };
      List<DestinationRecord> current = new ArrayList<>(records.size());
      for (DestinationRecord r : records) {
        if (!observer.superseded(r.externalId(), lsnOf.applyAsLong(r.externalId()))) {
          current.add(r);
        }
      }
      if (current.isEmpty()) {
        return current;
      }
      return op == WriteOperation.UPSERT
          ? observer.unsynced(current, lsnOf)
          : observer.deletesToSend(current, lsnOf);
    }

    /** One attempt; what the destination acknowledged is recorded before this returns. */
    WriteResult write(List<DestinationRecord> records)
        throws DestinationException, InterruptedException {
      WriteResult result = destination.write(path, op, records);
      if (result.outcomes().size() != records.size()) {
        throw new IllegalStateException(
            "the destination returned "
                + result.outcomes().size()
                + " outcomes for "
                + records.size()
                + " records");
      }
      if (observer != ForwardObserver.NONE) {
        acknowledge(records, result);
      }
      return result;
    }

    /** The pending change a record was built from, or null. */
    PendingChange change(String key) {
      if (byKey == null) {
        byKey = new HashMap<>();
        for (PendingChange change : changes) {
          byKey.put(change.key(), change);
        }
      }
      return byKey.get(key);
    }

    private void acknowledge(List<DestinationRecord> records, WriteResult result)
        throws InterruptedException {
      List<AckedRecord> acked = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        if (result.outcomes().get(i) instanceof RecordOutcome.Ok ok) {
          PendingChange change = change(records.get(i).externalId());
          acked.add(
              new AckedRecord(records.get(i), ok.nativeId(), change == null ? 0 : change.lsn()));
        }
      }
      if (!acked.isEmpty()) {
        observer.acknowledged(op, acked);
      }
    }
  }
}
