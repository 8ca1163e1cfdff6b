package io.serversidesync.operator.harness;

import io.serversidesync.api.runner.RunnerContract;
import java.nio.file.Path;
import java.util.List;

/**
 * A pod as the harness "kubelet" runs it: the container's args, and its mounted ConfigMap and
 * Secrets materialized under a private root directory (the container path /etc/x is {@code
 * root/etc/x}).
 *
 * @param namespace the pod's namespace
 * @param sync the ServerSideSync the pod belongs to
 * @param args the container's args, e.g. run --config /etc/serversidesync/config/sync.yaml
 * @param root where the container's mounted files are
 */
public record PodContext(String namespace, String sync, List<String> args, Path root) {

  /** Where a container path is on this machine. */
  public Path hostPath(String containerPath) {
    return root.resolve(containerPath.replaceFirst("^/+", ""));
  }

  /** The runner manifest the operator rendered. */
  public Path configFile() {
    return hostPath(RunnerContract.CONFIG_DIR + "/" + RunnerContract.CONFIG_FILE_NAME);
  }

  /** The mounted Secrets: SECRETS_DIR/&lt;secret&gt;/&lt;key&gt;. */
  public Path secretsDir() {
    return hostPath(RunnerContract.SECRETS_DIR);
  }
}
