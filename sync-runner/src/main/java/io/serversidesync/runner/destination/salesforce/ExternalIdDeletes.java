package io.serversidesync.runner.destination.salesforce;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.destination.salesforce.api.BatchOutcomes;
import io.serversidesync.runner.destination.salesforce.bulk.BulkIngest;
import io.serversidesync.runner.destination.salesforce.collections.CollectionsDelete;
import io.serversidesync.runner.destination.salesforce.collections.SingleRecordDelete;
import io.serversidesync.runner.destination.salesforce.lookup.ExternalIdLookup;
import io.serversidesync.runner.destination.salesforce.lookup.LookupUnsupportedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes by external id at the fewest API calls. Collections delete and Bulk delete take
 * Salesforce ids only, so there are two ways:
 *
 * <ul>
 *   <li>one {@code DELETE …/sobjects/{object}/{field}/{value}} per record: n calls;
 *   <li>look the ids up with one SOQL query per 200 keys, then delete them with one collections
 *       call per 200 ids (or one Bulk job): about 2 calls per 200 records, and keys without a
 *       record cost no delete at all.
 * </ul>
 *
 * Up to {@value #SINGLE_DELETE_MAX} records the first is as cheap or cheaper and needs no
 * read-then-delete; from three records on the lookup wins (200 deletes: 2 calls instead of 200).
 */
final class ExternalIdDeletes {

  static final int SINGLE_DELETE_MAX = 2;

  private static final Logger LOG = LoggerFactory.getLogger(ExternalIdDeletes.class);

  private final ExternalIdLookup lookup;
  private final CollectionsDelete collectionsDelete;
  private final SingleRecordDelete singleDelete;
  private final TimeSource time;
  private volatile boolean lookupSupported = true;

  ExternalIdDeletes(
      ExternalIdLookup lookup,
      CollectionsDelete collectionsDelete,
      SingleRecordDelete singleDelete,
      TimeSource time) {
    this.lookup = lookup;
    this.collectionsDelete = collectionsDelete;
    this.singleDelete = singleDelete;
    this.time = time;
  }

  /**
   * @param bulk the Bulk job to delete found ids with, or null for collections deletes
   */
  List<RecordOutcome> delete(List<DestinationRecord> records, BulkIngest bulk)
      throws DestinationException {
    BatchOutcomes outcomes = new BatchOutcomes(records.size());
    List<Integer> oneByOne = new ArrayList<>();
    if (!lookupSupported || records.size() <= SINGLE_DELETE_MAX) {
      for (int i = 0; i < records.size(); i++) {
        oneByOne.add(i);
      }
    } else {
      Map<String, List<Integer>> ids = findIds(records, outcomes, oneByOne);
      if (bulk != null) {
        bulk.delete(ids, outcomes);
      } else {
        deleteIds(ids, outcomes);
      }
    }
    for (int index : oneByOne) {
      if (outcomes.throttled()) {
        outcomes.skipThrottled(List.of(index), time.now());
        continue;
      }
      try {
        outcomes.set(index, singleDelete.delete(records.get(index).externalId()));
        outcomes.answered();
      } catch (DestinationException e) {
        rethrowIfFatal(e);
        outcomes.failed(List.of(index), e, time.now());
      }
    }
    return outcomes.finish();
  }

  /** Looks up the ids; records without one are deleted already (Ok). */
  private Map<String, List<Integer>> findIds(
      List<DestinationRecord> records, BatchOutcomes outcomes, List<Integer> oneByOne)
      throws DestinationException {
    Map<String, Integer> indexByKey = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      indexByKey.put(records.get(i).externalId(), i);
    }
    Map<String, List<Integer>> ids = new LinkedHashMap<>();
    for (List<String> group : lookup.partition(new ArrayList<>(indexByKey.keySet()))) {
      List<Integer> indexes = group.stream().map(indexByKey::get).toList();
      if (!lookupSupported) {
        oneByOne.addAll(indexes);
        continue;
      }
      if (outcomes.throttled()) {
        outcomes.skipThrottled(indexes, time.now());
        continue;
      }
      try {
        Map<String, List<String>> found = lookup.find(group);
        outcomes.answered();
        for (String key : group) {
          List<String> recordIds = found.get(key);
          if (recordIds == null) {
            outcomes.set(indexByKey.get(key), new RecordOutcome.Ok(null, false));
          } else {
            recordIds.forEach(
                id -> ids.computeIfAbsent(id, x -> new ArrayList<>()).add(indexByKey.get(key)));
          }
        }
      } catch (LookupUnsupportedException e) {
        lookupSupported = false;
        LOG.warn("{}; deleting record by record by external id from now on", e.getMessage());
        oneByOne.addAll(indexes);
      } catch (DestinationException e) {
        rethrowIfFatal(e);
        outcomes.failed(indexes, e, time.now());
      }
    }
    return ids;
  }

  private void deleteIds(Map<String, List<Integer>> ids, BatchOutcomes outcomes)
      throws DestinationException {
    List<String> all = new ArrayList<>(ids.keySet());
    for (int from = 0; from < all.size(); from += CollectionsDelete.MAX_IDS) {
      List<String> chunk =
          all.subList(from, Math.min(all.size(), from + CollectionsDelete.MAX_IDS));
      List<Integer> indexes = chunk.stream().flatMap(id -> ids.get(id).stream()).toList();
      if (outcomes.throttled()) {
        outcomes.skipThrottled(indexes, time.now());
        continue;
      }
      try {
        Map<String, RecordOutcome> results = collectionsDelete.delete(chunk);
        outcomes.answered();
        results.forEach((id, outcome) -> ids.get(id).forEach(i -> outcomes.set(i, outcome)));
      } catch (DestinationException e) {
        rethrowIfFatal(e);
        outcomes.failed(indexes, e, time.now());
      }
    }
  }

  private static void rethrowIfFatal(DestinationException e) throws DestinationException {
    if (e.kind() == Kind.CREDENTIALS || e.kind() == Kind.CONFIGURATION) {
      throw e;
    }
  }
}
