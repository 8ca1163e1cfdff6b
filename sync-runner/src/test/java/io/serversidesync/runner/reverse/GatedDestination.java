package io.serversidesync.runner.reverse;

import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.destination.ChangeReader;
import io.serversidesync.runner.destination.DeletionPage;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.DestinationRules;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A destination whose writes and reads a test can hold at chosen points, to line up the races the
 * two-way failure modes are about: a forward write held before it reaches the destination (in
 * flight), or after it did but before the runner hears the answer; a reverse read held after the
 * destination answered but before the page is applied.
 */
final class GatedDestination implements Destination {

  /** A point where a thread waits until the test opens it. */
  static final class Gate {
    private volatile CountDownLatch open = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(1);

    void close() {
      entered = new CountDownLatch(1);
      open = new CountDownLatch(1);
    }

    void open() {
      open.countDown();
    }

    /** Waits until a thread waits here. */
    boolean awaitEntered() throws InterruptedException {
      return entered.await(30, TimeUnit.SECONDS);
    }

    boolean closed() {
      return open.getCount() > 0;
    }

    void pass() {
      if (open.getCount() > 0) {
        entered.countDown();
        try {
          if (!open.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate held for 60 s");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  final Gate beforeWrite = new Gate();
  final Gate afterWrite = new Gate();
  final Gate beforeRead = new Gate();
  final Gate afterRead = new Gate();
  private volatile Predicate<ChangePage> holdPage = p -> true;
  private volatile int failReadsAfter = -1;
  private final java.util.concurrent.atomic.AtomicInteger pagesRead =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Destination delegate;

  GatedDestination(Destination delegate) {
    this.delegate = delegate;
  }

  @Override
  public DestinationRules rules() {
    return delegate.rules();
  }

  /** Every read after this many pages fails (a runner that dies in the middle of a read). */
  void failReadsAfter(int pages) {
    failReadsAfter = pages;
  }

  /** Which pages {@link #afterRead} holds (default: every page). */
  void holdPagesWhere(Predicate<ChangePage> which) {
    holdPage = which;
  }

  @Override
  public void preflight(List<String> fields) throws DestinationException {
    delegate.preflight(fields);
  }

  @Override
  public List<DeliveryPath> deliveryPaths() {
    return delegate.deliveryPaths();
  }

  @Override
  public WriteResult write(
      DeliveryPath path, WriteOperation operation, List<DestinationRecord> records)
      throws DestinationException {
    beforeWrite.pass();
    WriteResult result = delegate.write(path, operation, records);
    afterWrite.pass();
    return result;
  }

  @Override
  public Optional<ChangeReader> changeReader() {
    ChangeReader reader = delegate.changeReader().orElseThrow();
    return Optional.of(
        new ChangeReader() {
          @Override
          public ChangePage read(ChangeCursor after, String continuation, int pageSize)
              throws DestinationException {
            beforeRead.pass();
            if (failReadsAfter >= 0 && pagesRead.get() >= failReadsAfter) {
              throw new DestinationException(
                  DestinationException.Kind.TRANSIENT, "TestFailure", "reads fail from here");
            }
            ChangePage page = reader.read(after, continuation, pageSize);
            pagesRead.incrementAndGet();
            if (afterRead.closed() && holdPage.test(page)) {
              afterRead.pass();
            }
            return page;
          }

          @Override
          public Optional<DeletionPage> deletions(Instant from, Instant now)
              throws DestinationException {
            return reader.deletions(from, now);
          }
        });
  }

  @Override
  public void close() {
    delegate.close();
  }
}
