package io.serversidesync.operator.harness;

/**
 * Runs what the operator's pods would run. The fake one (tests of the operator alone) serves a
 * scripted /status; {@link RunnerProcessLauncher} starts the real sync-runner as a child JVM
 * against a real Postgres and the sandbox, given the pod's files.
 */
public interface RunnerLauncher {

  /** Starts a runner pod ({@code run}); its status server must be listening when this returns. */
  RunningRunner start(PodContext pod) throws Exception;

  /** Runs a cleanup pod ({@code cleanup}) to completion. */
  CleanupResult cleanup(PodContext pod) throws Exception;

  /** A started runner. Closing it stops it (the pod is deleted). */
  interface RunningRunner extends AutoCloseable {

    /** The local port of its /status, /healthz and /readyz. */
    int statusPort();

    /**
     * Whether its process still runs. A runner that exited is restarted by the kubelet, as a
     * container of a pod with {@code restartPolicy: Always}.
     */
    default boolean isAlive() {
      return true;
    }

    @Override
    void close();
  }

  /** How a cleanup pod ended: succeeded, or failed with the reason a Job would show. */
  record CleanupResult(boolean succeeded, String message) {

    public static CleanupResult success() {
      return new CleanupResult(true, "");
    }

    public static CleanupResult failure(String message) {
      return new CleanupResult(false, message);
    }
  }
}
