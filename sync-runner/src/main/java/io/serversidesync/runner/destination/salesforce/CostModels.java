package io.serversidesync.runner.destination.salesforce;

import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import java.time.Duration;

/**
 * The cost models the planner compares (destination-apis.md, "Cost per action").
 *
 * <p>sObject Collections: one API call per request of up to maxRecords (≤ 200) records, answered in
 * about a second.
 *
 * <p>Bulk API 2.0: per job, create + upload + UploadComplete + the polls + the successful-results
 * download, whatever its size (up to {@link BulkSettings#maxRecordsPerJob()}); the failed-results
 * download adds one call only when some records fail, and is left out of the estimate. The polls
 * follow the poll schedule until the assumed processing time has passed: with the defaults (first
 * poll after 1 s, ×1.5, processing 15 s) that is 6 polls, 10 calls a job, about 21 s. Each job also
 * uses ⌈records / 10,000⌉ of the org's 15,000 daily Bulk batches, which are not API calls.
 */
public final class CostModels {

  public static final String COLLECTIONS = "collections";
  public static final String BULK = "bulk";

  /** Calls of a job besides the polls: create, upload, UploadComplete, successful results. */
  static final int BULK_CALLS_BESIDES_POLLS = 4;

  private CostModels() {}

  public static DeliveryPath collections(int maxRecordsPerCall) {
    return DeliveryPath.perCall(COLLECTIONS, maxRecordsPerCall, 0, 1, Duration.ofSeconds(1));
  }

  public static DeliveryPath bulk(BulkSettings bulk, Duration processingEstimate) {
    int polls = bulk.pollsFor(processingEstimate);
    Duration waited = Duration.ZERO;
    Duration wait = bulk.firstPoll();
    for (int i = 0; i < polls; i++) {
      waited = waited.plus(wait);
      wait = bulk.next(wait);
    }
    // Create, upload and close take about a second together.
    Duration latency = waited.plusSeconds(1);
    return DeliveryPath.job(
        BULK, bulk.maxRecordsPerJob(), 0, BULK_CALLS_BESIDES_POLLS + polls, latency);
  }
}
