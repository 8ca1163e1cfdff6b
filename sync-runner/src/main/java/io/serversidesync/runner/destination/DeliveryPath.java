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
 * @param perCall whether a request is one call whose size spec.batching.maxRecords caps (Salesforce
 *     collections); a job path (Bulk API 2.0) takes its own size, whatever maxRecords says
 */
public record DeliveryPath(
    String name,
    int maxRecordsPerRequest,
    int fixedCalls,
    int callsPerRequest,
    Duration typicalLatency,
    boolean perCall) {

  /** A path whose requests are single calls, capped by spec.batching.maxRecords. */
  public static DeliveryPath perCall(
      String name,
      int maxRecordsPerRequest,
      int fixedCalls,
      int callsPerRequest,
      Duration typicalLatency) {
    return new DeliveryPath(
        name, maxRecordsPerRequest, fixedCalls, callsPerRequest, typicalLatency, true);
  }

  /** A path whose requests are jobs of their own size, whatever spec.batching.maxRecords says. */
  public static DeliveryPath job(
      String name,
      int maxRecordsPerRequest,
      int fixedCalls,
      int callsPerRequest,
      Duration typicalLatency) {
    return new DeliveryPath(
        name, maxRecordsPerRequest, fixedCalls, callsPerRequest, typicalLatency, false);
  }

  /** API calls this path needs for the given number of records. */
  public long estimatedCalls(int records) {
    long requests = (records + (long) maxRecordsPerRequest - 1) / maxRecordsPerRequest;
    return fixedCalls + requests * callsPerRequest;
  }
}
