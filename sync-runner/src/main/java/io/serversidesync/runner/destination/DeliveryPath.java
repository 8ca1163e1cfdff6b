package io.serversidesync.runner.destination;

import java.time.Duration;

/**
 * One way a destination can deliver a batch, with the cost model the planner uses to choose among
 * paths (e.g. Salesforce sObject Collections: 200 records per call, one call, sub-second; Bulk API
 * 2.0: unlimited records, about six calls per job, tens of seconds).
 *
 * @param name short name for logs and metrics, e.g. collections or bulk
 * @param maxRecordsPerRequest most records one request of this path carries
 * @param fixedCalls API calls per delivery regardless of size (job create, close, results)
 * @param callsPerRequest API calls per request of maxRecordsPerRequest records
 * @param typicalLatency expected time from start to acknowledgement of one delivery
 */
public record DeliveryPath(
    String name,
    int maxRecordsPerRequest,
    int fixedCalls,
    int callsPerRequest,
    Duration typicalLatency) {

  /** API calls this path needs for the given number of records. */
  public long estimatedCalls(int records) {
    long requests = (records + (long) maxRecordsPerRequest - 1) / maxRecordsPerRequest;
    return fixedCalls + requests * callsPerRequest;
  }
}
