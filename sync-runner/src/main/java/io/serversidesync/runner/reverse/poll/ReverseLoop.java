package io.serversidesync.runner.reverse.poll;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.config.TwoWaySettings;
import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.destination.ChangeReader;
import io.serversidesync.runner.destination.DeletionPage;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.pg.Sql;
import io.serversidesync.runner.reverse.decide.ConflictNote;
import io.serversidesync.runner.reverse.decide.PageResult;
import io.serversidesync.runner.reverse.decide.Verdict;
import io.serversidesync.runner.reverse.store.OriginSession;
import io.serversidesync.runner.reverse.store.RecentReverseWrites;
import io.serversidesync.runner.reverse.store.ResendQueue;
import io.serversidesync.runner.reverse.store.ReverseStateTable;
import io.serversidesync.runner.reverse.store.ReverseStore;
import io.serversidesync.runner.reverse.store.VersionsTable;
import io.serversidesync.runner.status.ReverseStats;
import io.serversidesync.runner.status.RunnerState;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse direction's thread: every pollInterval it reads the records changed in the
 * destination since the high-water mark, page by page, and applies each page in one transaction
 * that also saves the mark, reading the next page meanwhile; with spec.deletes: Delete it then
 * reads the destination's deletions. Failures are retried on the next poll (with backoff); a
 * configuration the destination or Postgres rejects stops the sync.
 */
public final class ReverseLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ReverseLoop.class);

  private final SyncSettings settings;
  private final TwoWaySettings twoWay;
  private final ChangeReader reader;
  private final OriginSession session;
  private final ReverseApplier applier;
  private final ReverseStateTable stateTable;
  private final VersionsTable versions;
  private final RecentReverseWrites recent;
  private final ResendQueue resends;
  private final ReverseStats stats;
  private final RunnerState state;
  private final Clock clock;
  private final Duration retryWait;
  private final AtomicReference<DestinationException> fatal;
  private final long confirmedAtStart;
  private final PageReads reads = new PageReads();
  private volatile boolean stopped;
  private volatile Thread thread;
  private ChangeCursor cursor;
  private Instant deletionsFrom;

  public ReverseLoop(
      LoopSettings loop,
      ChangeReader reader,
      ReverseStore store,
      ReverseApplier applier,
      AtomicReference<DestinationException> fatal,
      long confirmedAtStart) {
    this.settings = loop.settings();
    this.twoWay = settings.twoWay();
    this.reader = reader;
    this.session = store.session();
    this.applier = applier;
    this.stateTable = store.stateTable();
    this.versions = store.versions();
    this.recent = store.recent();
    this.resends = store.resends();
    this.stats = loop.state().enableReverse();
    this.state = loop.state();
    this.clock = loop.clock();
    this.retryWait = loop.retryWait();
    this.fatal = fatal;
    this.confirmedAtStart = confirmedAtStart;
  }

  /** Asks the loop to stop after the page in progress. */
  public void stop() {
    stopped = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    try {
      load();
      int failures = 0;
      while (!stopped) {
        long started = System.nanoTime();
        Duration wait = twoWay.pollInterval();
        try {
          pollOnce();
          failures = 0;
        } catch (DestinationException e) {
          stats.failed();
          failures++;
          wait = reactTo(e, failures, wait);
          if (wait == null) {
            return;
          }
        } catch (SQLException e) {
          stats.failed();
          failures++;
          if ("42".equals(classOf(e))) {
            fail(
                "ReverseApplyRejected",
                "cannot write destination changes into "
                    + Sql.qualified(settings.schema(), settings.table())
                    + ": "
                    + e.getMessage()
                    + "; fix the table or the role's privileges (the runner's preflight lists what"
                    + " two-way sync needs) and restart");
            return;
          }
          log.warn("reverse poll failed: {}; trying again", e.getMessage());
          wait = max(wait, backoff(failures));
        }
        sleepUntil(started + wait.toNanos());
      }
    } catch (InterruptedException e) {
      if (!stopped) {
        log.warn("reverse loop interrupted");
      }
    } catch (RuntimeException e) {
      log.error("the reverse loop failed", e);
      fail("ReverseFailed", "the reverse direction failed: " + e);
    } finally {
      reads.close();
    }
  }

  private void load() throws InterruptedException {
    ReverseStateTable.State loaded =
        session.transactionWithRetry(
            "load the reverse high-water mark", c -> stateTable.load(c, clock.instant()));
    cursor = loaded.cursor();
    deletionsFrom = loaded.deletionsFrom();
    Map<String, Long> writes =
        session.transactionWithRetry(
            "load the recent reverse writes",
            c -> versions.reverseWritesAfter(c, confirmedAtStart));
    recent.putAll(writes);
    log.info(
        "reverse direction polls every {} from {}",
        twoWay.pollInterval(),
        cursor.isStart()
            ? "the beginning (first poll reads every record once)"
            : cursor.modifiedAt() + " / " + cursor.nativeId());
  }

  /**
   * One poll: every page of changes after the mark, then deletions. While a page is applied the
   * next one is read ({@link PageReads}): a continuation does not depend on the mark, and the mark
   * still moves only with the page's commit.
   */
  void pollOnce() throws DestinationException, SQLException, InterruptedException {
    Instant readStarted = clock.instant();
    boolean held = false;
    ChangePage page = reader.read(cursor, null, twoWay.pageSize());
    while (true) {
      ChangePage current = page;
      ChangeCursor from = cursor;
      boolean wasHeld = held;
      PageReads.Next next =
          page.last()
              ? null
              : reads.start(() -> reader.read(from, current.continuation(), twoWay.pageSize()));
      PageResult result;
      try {
        result =
            session.transaction(
                c -> applier.apply(c, current.records(), readStarted, from, wasHeld));
      } catch (SQLException | RuntimeException e) {
        PageReads.cancel(next);
        throw e;
      }
      cursor = result.cursor();
      held = result.held();
      account(result);
      if (next == null || stopped) {
        PageReads.cancel(next);
        break;
      }
      page = next.get();
    }
    if (settings.deletes() == DeletePolicy.Delete && !stopped) {
      Optional<DeletionPage> deleted = reader.deletions(deletionsFrom, clock.instant());
      if (deleted.isPresent()) {
        DeletionPage d = deleted.get();
        PageResult result =
            session.transaction(c -> applier.applyDeletions(c, d.records(), d.coveredUntil()));
        deletionsFrom = d.coveredUntil();
        account(result);
      }
    }
    stats.polled(clock.instant());
    recent.prune(state.confirmedLsn());
  }

  private void account(PageResult result) {
    stats.read(result.read());
    stats.applied(result.applied());
    stats.conflicts(result.conflicts().size());
    stats.idsWritten(result.idsWritten());
    recent.putAll(result.written());
    if (result.resendRequested()) {
      resends.signal();
    }
    result.skipped().forEach((reason, n) -> stats.skipped(reason.label(), n));
    for (ConflictNote note : result.conflicts()) {
      log.info(
          "conflict on {}: changed in Postgres and in the destination since the last sync;"
              + " {}: the {} wins. Postgres: {} (committed {}); destination: {} (modified {},"
              + " id {})",
          note.key(),
          twoWay.conflictPolicy(),
          note.destinationWon() ? "destination" : "source",
          note.sourceValues(),
          note.sourceCommitted() == null ? "at an unknown time" : note.sourceCommitted(),
          note.destinationValues().isEmpty() ? "deleted" : note.destinationValues(),
          note.destinationModified(),
          note.nativeId());
    }
    result
        .skipped()
        .forEach(
            (reason, n) -> {
              String example = result.skipExamples().get(reason);
              switch (reason) {
                case EMPTY_EXTERNAL_ID ->
                    log.warn(
                        "{} record(s) changed in the destination have no {} (e.g. {}) and were"
                            + " skipped: the identifier is customer-managed, so the runner cannot"
                            + " tell which row they belong to. Set {} on them in the destination"
                            + " (or create them from Postgres) and they sync with their next"
                            + " change",
                        n,
                        externalIdField(),
                        example,
                        externalIdField());
                case REJECTED_BY_POSTGRES ->
                    log.warn(
                        "{} destination record(s) were not applied because Postgres refused their"
                            + " values (e.g. {}); fix the value in the destination or the column"
                            + " and the record is applied with its next change",
                        n,
                        example);
                case PARENT_WITHOUT_KEY ->
                    log.warn(
                        "{} record(s) created in the destination point at a parent that has no"
                            + " external id (e.g. {}) and were not brought into Postgres: a row"
                            + " without that lookup would clear it with its next change. Set the"
                            + " parent's external-id field in the destination (or create the"
                            + " parent from Postgres) and the record comes in with its next"
                            + " change",
                        n,
                        example);
                case DELETED_IN_POSTGRES ->
                    log.info(
                        "{} record(s) changed in the destination belong to rows deleted in"
                            + " Postgres and were not brought back (e.g. {})",
                        n,
                        example);
              }
            });
    if (result.applied() > 0 || result.count(Verdict.STALE) > 0) {
      log.info(
          "reverse: {} record(s) read, {} row(s) written, {} echo(es) of the runner's own writes,"
              + " {} out of date{}",
          result.read(),
          result.applied(),
          result.count(Verdict.ECHO),
          result.count(Verdict.STALE),
          result.verdicts().isEmpty()
              ? ""
              : " "
                  + result.verdicts().entrySet().stream()
                      .map(
                          e ->
                              e.getKey().name().toLowerCase(java.util.Locale.ROOT)
                                  + "="
                                  + e.getValue())
                      .collect(Collectors.joining(", ", "(", ")")));
    }
  }

  private String externalIdField() {
    return settings.mapping().get(settings.keyField()).field();
  }

  /** The wait before the next poll, or null to stop the loop. */
  private Duration reactTo(DestinationException e, int failures, Duration wait) {
    switch (e.kind()) {
      case CONFIGURATION -> {
        fatal.compareAndSet(null, e);
        log.error("the destination rejected the reverse read: {}", e.getMessage());
        return null;
      }
      case THROTTLED -> {
        Instant until = e.retryAt();
        log.info("reverse poll throttled: {}", e.getMessage());
        return until == null
            ? max(wait, backoff(failures))
            : max(wait, Duration.between(clock.instant(), until));
      }
      case CREDENTIALS -> {
        log.warn("reverse poll: {}", e.getMessage());
        return max(wait, Duration.ofSeconds(30));
      }
      default -> {
        log.warn("reverse poll failed ({}): {}; trying again", e.reason(), e.getMessage());
        return max(wait, backoff(failures));
      }
    }
  }

  private void fail(String reason, String message) {
    log.error(message);
    fatal.compareAndSet(
        null, new DestinationException(DestinationException.Kind.CONFIGURATION, reason, message));
  }

  private Duration backoff(int failures) {
    long millis = retryWait.toMillis() << Math.min(failures - 1, 10);
    return Duration.ofMillis(Math.min(millis, 60_000));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String classOf(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.length() < 2 ? "" : state.substring(0, 2);
  }

  private void sleepUntil(long deadline) throws InterruptedException {
    while (!stopped) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(Math.min(left, 50_000_000));
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for the next poll");
      }
    }
  }
}
