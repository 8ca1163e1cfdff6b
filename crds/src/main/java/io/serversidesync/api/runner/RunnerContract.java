package io.serversidesync.api.runner;

/**
 * What the operator and the runner agree on: where the runner finds its config and Secrets in a
 * pod, and where it serves its status. Both sides use these constants, so they cannot drift.
 */
public final class RunnerContract {

  /** The ServerSideSync manifest the operator renders into the runner's ConfigMap. */
  public static final String CONFIG_DIR = "/etc/serversidesync/config";

  public static final String CONFIG_FILE_NAME = "sync.yaml";

  /**
   * Each referenced Secret is mounted at {@code SECRETS_DIR/<secret name>/<key>}; the runner
   * resolves the manifest's Secret references against this tree (local mode uses a file of Secret
   * manifests instead).
   */
  public static final String SECRETS_DIR = "/etc/serversidesync/secrets";

  /** HTTP port of /status, /metrics, /healthz and /readyz. */
  public static final int STATUS_PORT = 8081;

  public static final String STATUS_PATH = "/status";
  public static final String METRICS_PATH = "/metrics";
  public static final String LIVENESS_PATH = "/healthz";
  public static final String READINESS_PATH = "/readyz";

  /** Annotation whose every new value asks the runner to replay unresolved errors. */
  public static final String REPLAY_ERRORS_ANNOTATION = "serversidesync.io/replay-errors";

  /** Prefix of the replication slot, publication and replication origin: {@code sss_<name>}. */
  public static final String OBJECT_PREFIX = "sss_";

  private RunnerContract() {}

  /** The slot, publication and origin name of a sync: sss_ + the name with - turned into _. */
  public static String replicationName(String syncName) {
    return OBJECT_PREFIX + syncName.replace('-', '_');
  }
}
