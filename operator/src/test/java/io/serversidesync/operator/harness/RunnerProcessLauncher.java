package io.serversidesync.operator.harness;

import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.harness.RepoFiles;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the operator's pods as the real sync-runner: a child JVM of the shaded jar per container,
 * the closest thing to a pod this machine has (its own process, its own connections, SIGTERM when
 * the pod is deleted, exit codes). The container's arguments are kept; what differs from a pod is
 * only where things are:
 *
 * <ul>
 *   <li>container paths in the arguments become the pod's files on this machine, and the manifest
 *       is the {@link ClusterNetwork}-resolved copy of the mounted one;
 *   <li>{@code --secrets-dir} points the runner at the pod's mounted Secrets (in a pod the default,
 *       {@link RunnerContract#SECRETS_DIR});
 *   <li>{@code --status-port 0}: every runner of the test shares one network namespace.
 * </ul>
 *
 * <p>Each process's output goes to a log file of its own, numbered and named after namespace, sync
 * and command ({@code 001-e2e-contacts-to-salesforce-run.log}).
 */
public final class RunnerProcessLauncher implements RunnerLauncher, AutoCloseable {

  /**
   * Small heap, serial GC and C1 only: a runner of a test moves a few hundred rows, and on a small
   * machine C2's compilations would compete with the operator, the mock API server and Postgres.
   */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(90);

  private final ClusterNetwork network;
  private final Path logDir;
  private final AtomicInteger processCount = new AtomicInteger();
  private final Set<RunnerProcess> live = ConcurrentHashMap.newKeySet();
  private final Map<String, RunnerProcess> runners = new ConcurrentHashMap<>();
  private final List<String> cleanupsRun = new CopyOnWriteArrayList<>();

  /**
   * @param network what the manifests' addresses resolve to
   * @param logDir where each process's output is written
   */
  public RunnerProcessLauncher(ClusterNetwork network, Path logDir) throws IOException {
    RepoFiles.runnerJar(); // fails now, naming the build to run, when the jar is missing
    this.network = network;
    this.logDir = Files.createDirectories(logDir);
    // The logs of an earlier run would be mistaken for this one's (the numbering restarts).
    try (var old = Files.newDirectoryStream(logDir, "*.log")) {
      for (Path log : old) {
        Files.delete(log);
      }
    }
  }

  @Override
  public RunningRunner start(PodContext pod) throws Exception {
    List<String> args = args(pod);
    args.addAll(List.of("--status-port", "0"));
    RunnerProcess process = RunnerProcess.start(command(args, pod));
    live.add(process);
    try {
      process.awaitStatusPort(START_TIMEOUT);
    } catch (IOException e) {
      live.remove(process);
      process.close();
      throw e;
    }
    runners.put(pod.namespace() + "/" + pod.sync(), process);
    return new RunningRunner() {
      @Override
      public int statusPort() {
        return process.statusPort();
      }

      @Override
      public boolean isAlive() {
        return process.isAlive();
      }

      @Override
      public void close() {
        live.remove(process);
        process.close();
      }
    };
  }

  @Override
  public CleanupResult cleanup(PodContext pod) throws Exception {
    RunnerProcess process = RunnerProcess.start(command(args(pod), pod));
    live.add(process);
    try {
      int exit = process.awaitExit(CLEANUP_TIMEOUT);
      cleanupsRun.add(pod.namespace() + "/" + pod.sync() + " exit " + exit);
      return exit == 0
          ? CleanupResult.success()
          : CleanupResult.failure(
              "cleanup exited with code " + exit + ": " + process.lastErrorLine());
    } finally {
      live.remove(process);
      process.close();
    }
  }

  /**
   * Kills the runner process of a sync (SIGKILL: a crash, an OOM kill); false when none runs. Its
   * pod stays, so the kubelet starts the container again.
   */
  public boolean kill(String namespace, String sync) throws InterruptedException {
    RunnerProcess process = runners.get(namespace + "/" + sync);
    if (process == null || !process.isAlive()) {
      return false;
    }
    process.kill();
    return true;
  }

  /** The cleanups run so far ({@code namespace/sync exit <code>}), in order. */
  public List<String> cleanupsRun() {
    return List.copyOf(cleanupsRun);
  }

  /** Stops every process still running (a test that failed half-way leaves some). */
  @Override
  public void close() {
    live.forEach(RunnerProcess::close);
    live.clear();
  }

  private RunnerCommand command(List<String> args, PodContext pod) {
    return RunnerCommand.of(args, log(pod)).withJvmOptions(JVM_OPTIONS);
  }

  /** The container's arguments, with its paths turned into the pod's files on this machine. */
  private List<String> args(PodContext pod) throws IOException {
    List<String> command = new ArrayList<>();
    Path mounted = pod.configFile();
    List<String> args = pod.args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--config") && i + 1 < args.size()) {
        Path resolved = pod.root().resolve("resolved").resolve(mounted.getFileName());
        network.resolve(pod.hostPath(args.get(++i)), resolved);
        command.addAll(List.of("--config", resolved.toString()));
      } else {
        command.add(arg.startsWith("/") ? pod.hostPath(arg).toString() : arg);
      }
    }
    command.addAll(List.of("--secrets-dir", pod.secretsDir().toString()));
    return command;
  }

  private Path log(PodContext pod) {
    String command = pod.args().isEmpty() ? "pod" : pod.args().get(0);
    return logDir.resolve(
        String.format(
            "%03d-%s-%s-%s.log",
            processCount.incrementAndGet(), pod.namespace(), pod.sync(), command));
  }
}
