package io.serversidesync.runner.cli;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.status.RunnerState;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sync until it is stopped, and decides what a failure only the user can fix does (a
 * preflight finding, a mapping the destination refuses): end the process with its exit code (a
 * runner started by hand), or report it on {@code /status} (phase Failed, the reason and the fix)
 * and check again after a growing pause (a runner in a pod). A pod that exited would crash-loop
 * with its reason visible only in the container's termination message, which the operator does not
 * read; a runner that stays up gives the operator the text for the resource's Stalled condition.
 */
final class FailureSupervisor {

  private static final Logger log = LoggerFactory.getLogger(FailureSupervisor.class);

  /** What a failure that needs the user does to the process. */
  enum OnFailure {
    /** Exit with the failure's code. */
    EXIT,
    /** Keep serving the status with the failure, and check again from time to time. */
    STAY
  }

  /** One run of the sync, from start to a stop or a failure. */
  @FunctionalInterface
  interface Attempt {
    void run() throws UserFixable, InterruptedException;
  }

  private final RunnerState state;
  private final OnFailure onFailure;
  private final Duration firstPause;
  private final Duration maxPause;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Runnable stopAttempt = () -> {};
  private volatile String lastFailure = "";

  /**
   * @param firstPause the wait before the first check after a failure; it doubles up to maxPause
   */
  FailureSupervisor(
      RunnerState state, OnFailure onFailure, Duration firstPause, Duration maxPause) {
    this.state = state;
    this.onFailure = onFailure;
    this.firstPause = firstPause;
    this.maxPause = maxPause;
  }

  /**
   * Runs attempts until one ends without a failure (a stop), or a failure ends the process.
   *
   * @return the exit code
   */
  int run(Attempt attempt) throws InterruptedException {
    Duration pause = firstPause;
    while (true) {
      try {
        attempt.run();
        return ExitCodes.OK;
      } catch (UserFixable f) {
        lastFailure = f.getMessage();
        state.phase(Phase.Failed, false, f.reason(), f.getMessage());
        if (onFailure == OnFailure.EXIT || stopped.getCount() == 0) {
          return f.exitCode();
        }
        log.error(
            "{}; the runner stays up to report this on its status and checks again in {} s",
            f.getMessage(),
            pause.toSeconds());
        if (stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
          return f.exitCode();
        }
        pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
        log.info("checking again");
      }
    }
  }

  /** The message of the last failure ("" when none). */
  String lastFailure() {
    return lastFailure;
  }

  /** How to stop the attempt under way (replaced by each attempt). */
  void onStop(Runnable stopAttempt) {
    this.stopAttempt = stopAttempt;
  }

  /** SIGTERM: stops the attempt under way, or ends the wait for the next check. */
  void stop() {
    stopped.countDown();
    stopAttempt.run();
  }
}
