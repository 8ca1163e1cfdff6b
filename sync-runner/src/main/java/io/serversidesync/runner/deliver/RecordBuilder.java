package io.serversidesync.runner.deliver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.runner.coalesce.PendingChange;
import io.serversidesync.runner.coalesce.PendingCut;
import io.serversidesync.runner.coalesce.RejectedChange;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.convert.PgTextDecoder;
import io.serversidesync.runner.convert.UnconvertibleValueException;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.errors.ErrorEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a cut into destination records at flush time: this is where text values are parsed, once
 * per key and only for the mapped columns, however many changes the key had.
 */
final class RecordBuilder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<FieldMap> mapping;

  RecordBuilder(SyncSettings settings) {
    this.mapping = settings.mapping();
  }

  /** Entries for the cut's rejected changes. */
  static List<ErrorEntry> rejects(PendingCut cut) {
    List<ErrorEntry> errors = new ArrayList<>();
    for (RejectedChange r : cut.rejects()) {
      errors.add(
          new ErrorEntry(
              r.key(), cut.coveredLsn(), r.code(), r.message(), r.fields(), r.payloadJson(), 1));
    }
    return errors;
  }

  /**
   * Builds the records of one request's worth of upserts; a value without a typed form turns its
   * record into an error entry instead.
   */
  BuiltRecords upserts(List<PendingChange> changes, long lsn) {
    List<DestinationRecord> upserts = new ArrayList<>(changes.size());
    List<ErrorEntry> errors = new ArrayList<>();
    for (PendingChange change : changes) {
      String key = change.key();
      Map<String, Object> fields = new LinkedHashMap<>();
      ErrorEntry failure = null;
      for (int f = 0; f < mapping.size() && failure == null; f++) {
        switch (change.state(f)) {
          case PendingChange.NULL -> fields.put(mapping.get(f).field(), null);
          case PendingChange.VALUE -> {
            try {
              Object value =
                  PgTextDecoder.convert(
                      change.typeOid(f), change.buffer(f), change.offset(f), change.length(f));
              // The key's field holds the key's own String: a backlog's cut holds 100,000 of them.
              fields.put(mapping.get(f).field(), key.equals(value) ? key : value);
            } catch (UnconvertibleValueException e) {
              failure =
                  new ErrorEntry(
                      key,
                      lsn,
                      "VALUE_NOT_CONVERTIBLE",
                      "column "
                          + mapping.get(f).column()
                          + ": "
                          + e.getMessage()
                          + "; fix the value in Postgres and the row syncs with that change",
                      List.of(mapping.get(f).field()),
                      payload(change),
                      1);
            }
          }
          default -> {
            // absent (unchanged TOAST not seen in this window): leave the field as it is
          }
        }
      }
      if (failure != null) {
        errors.add(failure);
      } else {
        upserts.add(new DestinationRecord(key, fields));
      }
    }
    return new BuiltRecords(upserts, errors);
  }

  /** Key-only records of deletes. */
  static BuiltRecords deletes(List<PendingChange> changes) {
    List<DestinationRecord> deletes = new ArrayList<>(changes.size());
    for (PendingChange change : changes) {
      deletes.add(DestinationRecord.keyOnly(change.key()));
    }
    return new BuiltRecords(deletes, List.of());
  }

  /** The pending row as JSON (column → text), for the errors table. */
  String payload(PendingChange change) {
    ObjectNode json = JSON.createObjectNode();
    for (int f = 0; f < mapping.size(); f++) {
      if (change.state(f) != PendingChange.ABSENT) {
        json.put(mapping.get(f).column(), change.text(f));
      }
    }
    return json.toString();
  }
}
