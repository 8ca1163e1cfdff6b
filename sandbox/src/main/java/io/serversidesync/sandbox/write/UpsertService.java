package io.serversidesync.sandbox.write;

import io.serversidesync.sandbox.faults.FaultInjector;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.stats.SandboxStats;
import io.serversidesync.sandbox.store.ObjectStore;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.store.SalesforceId;
import io.serversidesync.sandbox.store.SandboxClock;
import io.serversidesync.sandbox.store.StoredRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every write the APIs offer (create, update, upsert by external id, delete) with Salesforce's
 * semantics: per-record results, allOrNone rollback, unique and external-id checks, system fields.
 */
public final class UpsertService {
  private final RecordStore store;
  private final RecordWriter writer;
  private final ParentResolver parents;
  private final OrphanedLookups orphans;
  private final SandboxClock clock;
  private final FaultInjector faults;
  private final SandboxStats stats;

  public UpsertService(
      RecordStore store,
      SandboxClock clock,
      FaultInjector faults,
      SandboxStats stats,
      String userId) {
    this.store = store;
    this.writer = new RecordWriter(store, userId);
    this.parents = new ParentResolver(store);
    this.orphans = new OrphanedLookups(store);
    this.clock = clock;
    this.faults = faults;
    this.stats = stats;
  }

  /** Salesforce's audit fields have whole seconds, so many records share one SystemModstamp. */
  private Instant now() {
    return clock.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * Resolves the parents a batch names by external id before any of its records is written, so that
   * no record finds a parent written by the same batch (as Salesforce's Bulk API behaves). Writes
   * do it themselves; Bulk insert and update, which write row by row, call it first.
   */
  public List<RecordInput> resolveParents(List<RecordInput> inputs) {
    return parents.resolveAll(inputs);
  }

  /** Upserts records by external id (sObject Collections and Bulk upsert). */
  public List<SaveResult> upsert(
      ObjectDef object, FieldDef extField, List<RecordInput> given, boolean allOrNone) {
    List<RecordInput> inputs = parents.resolveAll(given);
    int n = inputs.size();
    SaveResult[] results = new SaveResult[n];
    Map<String, List<Integer>> byKey = new HashMap<>();
    for (int i = 0; i < n; i++) {
      RecordInput in = inputs.get(i);
      if (in.conversionError().isPresent()) {
        results[i] = SaveResult.failed(null, in.conversionError().get());
        continue;
      }
      Object key = in.value(extField);
      if (key == null || key.toString().isEmpty()) {
        results[i] =
            SaveResult.failed(
                null, RecordError.of("MISSING_ARGUMENT", extField.name() + " not specified"));
        continue;
      }
      byKey.computeIfAbsent(extField.indexKey(key), k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> same : byKey.values()) {
      if (same.size() > 1) {
        for (int i : same) {
          results[i] =
              SaveResult.failed(
                  null,
                  RecordError.of(
                      "DUPLICATE_VALUE",
                      "Duplicate external id specified: " + inputs.get(i).value(extField)));
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (results[i] == null && faults.lockRowFails()) {
        results[i] = SaveResult.failed(null, RecordError.lockRow());
      }
    }
    if (allOrNone && Arrays.stream(results).anyMatch(r -> r != null)) {
      return finish(results, allOrNone, "updated");
    }
    ObjectStore os = store.store(object);
    applyLocked(
        os,
        results,
        allOrNone,
        (i, now, undo) -> {
          RecordInput in = inputs.get(i);
          List<StoredRecord> matches = os.findBy(extField, in.value(extField));
          if (matches.size() > 1) {
            return SaveResult.failed(
                null,
                RecordError.of(
                    "DUPLICATE_EXTERNAL_ID",
                    "more than one record found for external id field: "
                        + matches.stream().map(StoredRecord::id).toList()));
          }
          return matches.size() == 1
              ? writer.update(os, matches.get(0), in, now, undo)
              : writer.insert(os, in, now, undo);
        });
    return finish(results, allOrNone, "updated");
  }

  /** Writes one record of a batch under its object's lock. */
  private interface RecordWrite {
    SaveResult apply(int index, Instant now, Deque<Runnable> undo);
  }

  /**
   * Runs the writes of the records that passed the pre-checks (null results) under the object's
   * lock; with allOrNone, stops at the first failure and undoes what was written.
   */
  private void applyLocked(
      ObjectStore os, SaveResult[] results, boolean allOrNone, RecordWrite write) {
    os.locked(
        () -> {
          Deque<Runnable> undo = new ArrayDeque<>();
          Instant now = now();
          for (int i = 0; i < results.length; i++) {
            if (results[i] != null) {
              continue;
            }
            results[i] = write.apply(i, now, undo);
            if (allOrNone && !results[i].success()) {
              break;
            }
          }
          if (allOrNone && Arrays.stream(results).anyMatch(r -> r != null && !r.success())) {
            undo.forEach(Runnable::run);
          }
          return null;
        });
  }

  /** Fails records whose input did not convert, and draws the injected row-lock failures. */
  private SaveResult[] preChecks(List<RecordInput> inputs) {
    SaveResult[] results = new SaveResult[inputs.size()];
    for (int i = 0; i < results.length; i++) {
      RecordInput in = inputs.get(i);
      if (in.conversionError().isPresent()) {
        results[i] = SaveResult.failed(null, in.conversionError().get());
      } else if (faults.lockRowFails()) {
        results[i] = SaveResult.failed(null, RecordError.lockRow());
      }
    }
    return results;
  }

  /** Creates records ({@code POST /composite/sobjects}); results in input order. */
  public List<SaveResult> createAll(ObjectDef object, List<RecordInput> given, boolean allOrNone) {
    List<RecordInput> inputs = parents.resolveAll(given);
    SaveResult[] results = preChecks(inputs);
    if (!(allOrNone && Arrays.stream(results).anyMatch(r -> r != null))) {
      ObjectStore os = store.store(object);
      applyLocked(
          os, results, allOrNone, (i, now, undo) -> writer.insert(os, inputs.get(i), now, undo));
    }
    return finish(results, allOrNone, "updated");
  }

  /** Updates records by id ({@code PATCH /composite/sobjects}); results in input order. */
  public List<SaveResult> updateAll(
      ObjectDef object, List<String> ids, List<RecordInput> given, boolean allOrNone) {
    List<RecordInput> inputs = parents.resolveAll(given);
    SaveResult[] results = preChecks(inputs);
    if (!(allOrNone && Arrays.stream(results).anyMatch(r -> r != null))) {
      ObjectStore os = store.store(object);
      applyLocked(
          os,
          results,
          allOrNone,
          (i, now, undo) -> {
            Optional<StoredRecord> r = SalesforceId.canonical(ids.get(i)).flatMap(os::get);
            if (r.isEmpty()) {
              return SaveResult.failed(
                  null,
                  SalesforceId.canonical(ids.get(i)).isEmpty()
                      ? RecordError.of("MALFORMED_ID", "malformed id " + ids.get(i))
                      : RecordError.of("ENTITY_IS_DELETED", "entity is deleted"));
            }
            return writer.update(os, r.get(), inputs.get(i), now, undo);
          });
    }
    return finish(results, allOrNone, "updated");
  }

  /** Single-record upsert by external id ({@code PATCH /sobjects/{SObject}/{field}/{value}}). */
  public SingleUpsertOutcome upsertOne(
      ObjectDef object, FieldDef extField, Object value, RecordInput given, boolean updateOnly) {
    RecordInput body = parents.resolve(given);
    if (body.conversionError().isPresent()) {
      return done(SaveResult.failed(null, body.conversionError().get()));
    }
    if (faults.lockRowFails()) {
      return done(SaveResult.failed(null, RecordError.lockRow()));
    }
    ObjectStore os = store.store(object);
    return os.locked(
        () -> {
          List<StoredRecord> matches = os.findBy(extField, value);
          if (matches.size() > 1) {
            return new SingleUpsertOutcome.MultipleMatches(
                matches.stream().map(StoredRecord::id).toList());
          }
          Instant now = now();
          if (matches.size() == 1) {
            return done(writer.update(os, matches.get(0), body, now, new ArrayDeque<>()));
          }
          if (updateOnly) {
            return new SingleUpsertOutcome.NoMatch();
          }
          Map<FieldDef, Object> values = new LinkedHashMap<>();
          values.put(extField, value);
          values.putAll(body.values());
          return done(writer.insert(os, RecordInput.of(values), now, new ArrayDeque<>()));
        });
  }

  /** Creates one record ({@code POST /sobjects/{SObject}}). */
  public SaveResult create(ObjectDef object, RecordInput given) {
    RecordInput input = parents.resolve(given);
    if (input.conversionError().isPresent()) {
      return count(SaveResult.failed(null, input.conversionError().get()));
    }
    if (faults.lockRowFails()) {
      return count(SaveResult.failed(null, RecordError.lockRow()));
    }
    ObjectStore os = store.store(object);
    return count(os.locked(() -> writer.insert(os, input, now(), new ArrayDeque<>())));
  }

  /** Updates one record by id; empty when there is no such record. */
  public Optional<SaveResult> update(ObjectDef object, String id, RecordInput given) {
    RecordInput input = parents.resolve(given);
    if (faults.lockRowFails()) {
      return Optional.of(count(SaveResult.failed(id, RecordError.lockRow())));
    }
    ObjectStore os = store.store(object);
    return os.locked(
        () ->
            os.get(id)
                .map(
                    r ->
                        count(
                            input.conversionError().isPresent()
                                ? SaveResult.failed(id, input.conversionError().get())
                                : writer.update(os, r, input, now(), new ArrayDeque<>()))));
  }

  /** Deletes by external id ({@code DELETE /sobjects/{SObject}/{field}/{value}}). */
  public SingleUpsertOutcome deleteOne(ObjectDef object, FieldDef extField, String value) {
    if (faults.lockRowFails()) {
      return done(SaveResult.failed(null, RecordError.lockRow()));
    }
    ObjectStore os = store.store(object);
    return orphans.lockedForDelete(
        List.of(os),
        () -> {
          List<StoredRecord> matches = os.findBy(extField, value);
          if (matches.size() > 1) {
            return new SingleUpsertOutcome.MultipleMatches(
                matches.stream().map(StoredRecord::id).toList());
          }
          if (matches.isEmpty()) {
            return new SingleUpsertOutcome.NoMatch();
          }
          os.delete(matches.get(0), now());
          orphans.clear(List.of(object), Set.of(matches.get(0).id()));
          return new SingleUpsertOutcome.Done(
              count(SaveResult.ok(matches.get(0).id(), false), "deleted"));
        });
  }

  /**
   * Deletes records by id, of any declared types ({@code DELETE /composite/sobjects}, Bulk delete,
   * {@code DELETE /sobjects/{SObject}/{id}}). Results are in the order of the ids.
   */
  public List<SaveResult> deleteByIds(List<String> ids, boolean allOrNone) {
    int n = ids.size();
    SaveResult[] results = new SaveResult[n];
    String[] canonical = new String[n];
    Map<String, ObjectStore> involved = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Optional<String> id = SalesforceId.canonical(ids.get(i));
      Optional<ObjectStore> os =
          id.flatMap(v -> store.schema().objectByKeyPrefix(v.substring(0, 3))).map(store::store);
      if (os.isEmpty()) {
        results[i] =
            SaveResult.failed(null, RecordError.of("MALFORMED_ID", "malformed id " + ids.get(i)));
        continue;
      }
      canonical[i] = id.get();
      involved.put(os.get().object().name(), os.get());
      if (faults.lockRowFails()) {
        results[i] = SaveResult.failed(canonical[i], RecordError.lockRow());
      }
    }
    if (allOrNone && Arrays.stream(results).anyMatch(r -> r != null)) {
      return finish(results, allOrNone, "deleted");
    }
    List<ObjectDef> objects = involved.values().stream().map(ObjectStore::object).toList();
    orphans.lockedForDelete(
        involved.values(),
        () -> {
          Deque<Runnable> undo = new ArrayDeque<>();
          Set<String> deleted = new HashSet<>();
          Instant now = now();
          for (int i = 0; i < n; i++) {
            if (results[i] != null) {
              continue;
            }
            String id = canonical[i];
            ObjectStore os =
                store.store(store.schema().objectByKeyPrefix(id.substring(0, 3)).orElseThrow());
            Optional<StoredRecord> r = os.get(id);
            if (r.isPresent()) {
              os.delete(r.get(), now);
              StoredRecord gone = r.get();
              undo.push(() -> os.undelete(gone));
              deleted.add(id);
              results[i] = SaveResult.ok(id, false);
            } else if (os.deletedAt(id).isPresent()) {
              results[i] =
                  SaveResult.failed(id, RecordError.of("ENTITY_IS_DELETED", "entity is deleted"));
            } else {
              results[i] =
                  SaveResult.failed(
                      id,
                      RecordError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
            }
          }
          if (allOrNone && Arrays.stream(results).anyMatch(r -> !r.success())) {
            undo.forEach(Runnable::run);
          } else {
            orphans.clear(objects, deleted);
          }
          return null;
        });
    return finish(results, allOrNone, "deleted");
  }

  private List<SaveResult> finish(SaveResult[] results, boolean allOrNone, String kind) {
    boolean anyFailed = Arrays.stream(results).anyMatch(r -> r != null && !r.success());
    List<SaveResult> out = new ArrayList<>(results.length);
    for (SaveResult r : results) {
      SaveResult result = r;
      if (allOrNone && anyFailed && (r == null || r.success())) {
        result = SaveResult.failed(null, RecordError.rolledBack());
      }
      out.add(count(result, kind));
    }
    return out;
  }

  private SingleUpsertOutcome done(SaveResult result) {
    return new SingleUpsertOutcome.Done(count(result, "updated"));
  }

  private SaveResult count(SaveResult r) {
    return count(r, "updated");
  }

  /** Counts a record outcome: created, {@code kind} (updated or deleted), or failed.CODE. */
  private SaveResult count(SaveResult r, String kind) {
    if (r.success()) {
      stats.record(r.created() ? "created" : kind);
    } else {
      stats.record("failed." + r.firstError().statusCode());
    }
    return r;
  }
}
