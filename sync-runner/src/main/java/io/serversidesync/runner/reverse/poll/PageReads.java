package io.serversidesync.runner.reverse.poll;

import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.destination.DestinationException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the next page of a poll on a thread of its own while the reverse loop applies the current
 * one, so that reading and applying overlap. At most one read is in flight; its page is used only
 * after the current page committed, in order, and a read whose page is not wanted any more (the
 * apply failed, the loop stops) is cancelled and its page dropped.
 */
final class PageReads implements AutoCloseable {

  /** A read of the destination. */
  @FunctionalInterface
  interface Read {
    ChangePage read() throws DestinationException;
  }

  /** A read in flight. */
  static final class Next {
    private final Future<ChangePage> future;

    private Next(Future<ChangePage> future) {
      this.future = future;
    }

    /** The page, once read; the read's failure as the loop's own. */
    ChangePage get() throws DestinationException, InterruptedException {
      try {
        return future.get();
      } catch (InterruptedException e) {
        future.cancel(true);
        throw e;
      } catch (CancellationException e) {
        throw new InterruptedException("the read of the next page was cancelled");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DestinationException d) {
          throw d;
        }
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException("reading the next page failed", cause);
      }
    }
  }

  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "reverse-read");
            t.setDaemon(true);
            return t;
          });

  /** Starts reading the next page. */
  Next start(Read read) {
    return new Next(executor.submit(read::read));
  }

  /** Drops a read whose page is not wanted (null: none). */
  static void cancel(Next next) {
    if (next != null) {
      next.future.cancel(false);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
