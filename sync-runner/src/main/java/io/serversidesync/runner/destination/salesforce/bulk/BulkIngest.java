package io.serversidesync.runner.destination.salesforce.bulk;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.destination.salesforce.api.BatchOutcomes;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.convert.EncodedRecord;
import io.serversidesync.runner.destination.salesforce.parent.ClearedLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Bulk API 2.0 ingest jobs. A job costs create + upload + close + the polls + one download per
 * non-empty result set, whatever the number of records it carries; records that neither result set
 * lists (a failed or aborted job left them unprocessed) are handed back for retry. The
 * unprocessed-records download is not made: it would only list those records again.
 */
public final class BulkIngest {

  private static final Logger LOG = LoggerFactory.getLogger(BulkIngest.class);

  private final BulkJobClient jobs;
  private final String object;
  private final BulkSettings settings;
  private final PollSchedule polls;
  private final TimeSource time;
  private final DestinationTelemetry telemetry;

  public BulkIngest(
      SalesforceApi api,
      String object,
      BulkSettings settings,
      TimeSource time,
      DestinationTelemetry telemetry) {
    this.jobs = new BulkJobClient(api);
    this.object = object;
    this.settings = settings;
    this.time = time;
    this.polls = new PollSchedule(settings);
    this.telemetry = telemetry;
  }

  /**
   * Upserts encoded records by external id; sets each one's outcome (by record index). Takes the
   * list: it is emptied once its records are written out as CSV. Records that clear a lookup go
   * into a job of their own: a header applies to every row, and one row holding both the lookup's
   * field and its relationship column is not documented to work.
   */
  public void upsert(String externalIdField, List<EncodedRecord> records, BatchOutcomes outcomes)
      throws DestinationException {
    Collection<List<EncodedRecord>> shapes = byClearedLookups(records);
    // The records live on only as CSV from here: a 100,000-record job need not hold both while
    // Salesforce processes it.
    records.clear();
    for (List<EncodedRecord> shape : shapes) {
      BulkCsv csv =
          new BulkCsv(
              BulkCsv.columnsOf(
                  externalIdField, shape.stream().map(EncodedRecord::fields).toList()));
      JobUploads uploads = new JobUploads(csv.header(), settings, shape.size());
      for (EncodedRecord record : shape) {
        String key = BulkCsv.cell(record.fields().get(externalIdField));
        uploads.add(key, List.of(record.index()), csv.row(record.fields()));
      }
      shape.clear();
      run("upsert", externalIdField, externalIdField, uploads.finish(), outcomes);
    }
  }

  /** Groups records by the lookups they clear, in order of first appearance. */
  private static Collection<List<EncodedRecord>> byClearedLookups(List<EncodedRecord> records) {
    Map<Set<String>, List<EncodedRecord>> groups = new LinkedHashMap<>();
    for (EncodedRecord record : records) {
      Set<String> cleared = new TreeSet<>();
      record
          .fields()
          .forEach(
              (key, value) -> {
                if (value instanceof ClearedLookup) {
                  cleared.add(key);
                }
              });
      groups.computeIfAbsent(cleared, c -> new ArrayList<>()).add(record);
    }
    return groups.values();
  }

  /**
   * Deletes records by Salesforce id.
   *
   * @param idsToIndexes id → the batch indexes it stands for
   */
  public void delete(Map<String, List<Integer>> idsToIndexes, BatchOutcomes outcomes)
      throws DestinationException {
    if (idsToIndexes.isEmpty()) {
      return;
    }
    BulkCsv csv = BulkCsv.plain(List.of("Id"));
    JobUploads uploads = new JobUploads(csv.header(), settings, idsToIndexes.size());
    idsToIndexes.forEach((id, indexes) -> uploads.add(id, indexes, csv.row(Map.of("Id", id))));
    run("delete", null, "Id", uploads.finish(), outcomes);
  }

  private void run(
      String operation,
      String externalIdField,
      String keyColumn,
      List<JobUploads.Upload> uploads,
      BatchOutcomes outcomes)
      throws DestinationException {
    for (JobUploads.Upload upload : uploads) {
      List<Integer> indexes = upload.indexes();
      if (outcomes.throttled()) {
        outcomes.skipThrottled(indexes, time.now());
        continue;
      }
      try {
        JobResult result = runJob(operation, externalIdField, keyColumn, upload);
        outcomes.answered();
        Function<String, RecordOutcome> byKey = matcher(result.byKey());
        for (JobUploads.Row row : upload.rows()) {
          RecordOutcome outcome = byKey.apply(row.key());
          if (outcome == null) {
            outcome = unprocessed(result.info());
          }
          for (int index : row.indexes()) {
            outcomes.set(index, outcome);
          }
        }
      } catch (DestinationException e) {
        if (e.kind() == Kind.CREDENTIALS || e.kind() == Kind.CONFIGURATION) {
          throw e;
        }
        outcomes.failed(indexes, e, time.now());
      }
    }
  }

  private static RecordOutcome unprocessed(JobInfo info) {
    String why =
        info.state().equals("JobComplete")
            ? "bulk job " + info.id() + " completed without a result for this record"
            : "bulk job "
                + info.id()
                + " ended "
                + info.state()
                + " before processing this record"
                + (info.errorMessage().isEmpty() ? "" : ": " + info.errorMessage());
    return new RecordOutcome.Retryable("BULK_UNPROCESSED", why, null);
  }

  /**
   * Finds a result by the key as uploaded; external ids may come back in another case. The
   * case-folded index is built only when an exact lookup misses: a large job's results would
   * otherwise be held twice.
   */
  private static Function<String, RecordOutcome> matcher(Map<String, RecordOutcome> byKey) {
    Map<String, RecordOutcome> folded = new HashMap<>();
    return key -> {
      RecordOutcome exact = byKey.get(key);
      if (exact != null) {
        return exact;
      }
      if (folded.isEmpty()) {
        byKey.forEach((k, v) -> folded.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
      }
      return folded.get(key.toLowerCase(Locale.ROOT));
    };
  }

  private record JobResult(JobInfo info, Map<String, RecordOutcome> byKey) {}

  private JobResult runJob(
      String operation, String externalIdField, String keyColumn, JobUploads.Upload upload)
      throws DestinationException {
    JobInfo job = jobs.create(object, operation, externalIdField);
    String id = job.id();
    try {
      jobs.upload(id, upload.takeBody(), upload.length());
    } catch (DestinationException e) {
      abortAfterFailure(id, e);
      throw e;
    }
    retrying(
        "close job " + id,
        attempt -> {
          if (attempt > 1) {
            JobInfo now = jobs.get(id);
            if (!now.open()) {
              return now;
            }
          }
          JobInfo closed = jobs.setState(id, "UploadComplete");
          if (closed == null) {
            JobInfo now = jobs.get(id);
            if (now.open()) {
              throw new DestinationException(
                  Kind.TRANSIENT,
                  "BulkCloseRejected",
                  "Salesforce refused to start bulk job " + id + "; retrying");
            }
            return now;
          }
          return closed;
        });
    JobInfo done = awaitCompletion(id, upload.rows().size());
    Map<String, RecordOutcome> byKey = new LinkedHashMap<>();
    long successes =
        done.processed() < 0 || done.failed() < 0 ? -1 : done.processed() - done.failed();
    if (successes != 0) {
      retrying(
          "download successful results of job " + id,
          attempt -> {
            jobs.results(
                id,
                "successfulResults",
                row -> put(byKey, row, keyColumn, BulkResults.success(row)));
            return null;
          });
    }
    if (done.failed() != 0) {
      retrying(
          "download failed results of job " + id,
          attempt -> {
            jobs.results(
                id, "failedResults", row -> put(byKey, row, keyColumn, BulkResults.failure(row)));
            return null;
          });
    }
    if (byKey.isEmpty() && done.state().equals("Failed")) {
      boolean configuration =
          done.errorMessage().contains("InvalidBatch")
              || done.errorMessage().contains("Field name not found");
      throw new DestinationException(
          configuration ? Kind.CONFIGURATION : Kind.TRANSIENT,
          "BulkJobFailed",
          "Salesforce's bulk "
              + operation
              + " job "
              + id
              + " on "
              + object
              + " failed: "
              + (done.errorMessage().isEmpty() ? "no reason given" : done.errorMessage())
              + (configuration
                  ? "; check spec.mapping against the org"
                  : "; the batch is retried"));
    }
    return new JobResult(done, byKey);
  }

  private static void put(
      Map<String, RecordOutcome> byKey,
      Map<String, String> row,
      String keyColumn,
      RecordOutcome o) {
    String key = BulkResults.cell(row, keyColumn);
    if (key != null) {
      byKey.put(key, o);
    }
  }

  private JobInfo awaitCompletion(String id, int records) throws DestinationException {
    Instant closed = time.now();
    Instant deadline = closed.plus(settings.maxWait());
    Duration wait = polls.first(records);
    while (true) {
      sleep(wait);
      JobInfo info = retrying("poll job " + id, attempt -> jobs.get(id));
      if (info.finished()) {
        return info;
      }
      if (!time.now().isBefore(deadline)) {
        LOG.warn(
            "Bulk job {} on {} still {} after {}; aborting it, its unprocessed records are retried",
            id,
            object,
            info.state(),
            settings.maxWait());
        retrying("abort job " + id, attempt -> jobs.setState(id, "Aborted"));
        return retrying("read aborted job " + id, attempt -> jobs.get(id));
      }
      wait = polls.next(wait, Duration.between(closed, time.now()), info.processed(), records);
    }
  }

  private void abortAfterFailure(String id, DestinationException cause) {
    try {
      jobs.setState(id, "Aborted");
    } catch (DestinationException e) {
      // Salesforce deletes abandoned open jobs after 7 days; nothing else depends on this one.
      LOG.warn("Could not abort bulk job {} after {}: {}", id, cause.getMessage(), e.getMessage());
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    T run(int attempt) throws DestinationException;
  }

  /** Repeats an idempotent job request on TRANSIENT and THROTTLED failures. */
  private <T> T retrying(String what, Step<T> step) throws DestinationException {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.run(attempt);
      } catch (DestinationException e) {
        if (e.kind() == Kind.CREDENTIALS
            || e.kind() == Kind.CONFIGURATION
            || attempt >= settings.attempts()) {
          throw e;
        }
        telemetry.retried(e.reason());
        LOG.debug("Retrying to {} after: {}", what, e.getMessage());
        if (e.kind() == Kind.TRANSIENT) {
          // THROTTLED needs no sleep here: the rate limiter holds the next request anyway.
          sleep(backoff(attempt));
        }
      }
    }
  }

  private Duration backoff(int attempt) {
    Duration wait = settings.firstPoll().multipliedBy(1L << Math.min(attempt - 1, 10));
    return wait.compareTo(settings.longestPoll()) > 0 ? settings.longestPoll() : wait;
  }

  private void sleep(Duration duration) throws DestinationException {
    try {
      time.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(
          Kind.TRANSIENT, "Interrupted", "stopped while waiting for a bulk job", null, e);
    }
  }
}
