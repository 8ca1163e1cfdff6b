package io.serversidesync.harness.runner;

import io.serversidesync.harness.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.With;

/**
 * One start of the runner as a child JVM: the command's arguments, the JVM options, where the
 * output goes and how long a stop may take.
 *
 * @param args the runner's arguments ({@code run --config …}, {@code cleanup …})
 * @param jvmOptions options before the class path
 * @param classPath null to run the shaded jar ({@code -jar}); else a class path whose first entries
 *     come before the jar (benchmarks put their classes there), started at the runner's main class
 * @param log the file the runner's output (stdout and stderr) goes to
 * @param appendLog whether a start appends to the log instead of replacing it
 * @param stopGrace how long {@link RunnerProcess#close()} waits after SIGTERM before SIGKILL (zero:
 *     SIGKILL at once)
 * @param launcher null to start the JVM directly; else the launcher script that users start
 *     (sync-runner/bin/sync-runner), which chooses the JVM options itself
 */
@With
public record RunnerCommand(
    List<String> args,
    List<String> jvmOptions,
    String classPath,
    Path log,
    boolean appendLog,
    Duration stopGrace,
    Launcher launcher) {

  /** JVM options of a runner pod on a small node (see docs/runner.md, Sizing). */
  public static final List<String> POD_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

  /** The class the shaded jar starts. */
  public static final String MAIN_CLASS = "io.serversidesync.runner.cli.SyncRunnerCommand";

  public RunnerCommand {
    args = List.copyOf(args);
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** Any command of the jar, with a pod's JVM options and 30 s to stop. */
  public static RunnerCommand of(List<String> args, Path log) {
    return new RunnerCommand(args, POD_JVM_OPTIONS, null, log, false, Duration.ofSeconds(30), null);
  }

  /**
   * The launcher script users start, with these environment variables (e.g. SSS_JAVA_OPTS) and none
   * of the JVM option variables this JVM may have.
   */
  public static RunnerCommand viaLauncher(List<String> args, Map<String, String> env, Path log) {
    return of(args, log)
        .withLauncher(new Launcher(RepoFiles.root().resolve("sync-runner/bin/sync-runner"), env));
  }

  /**
   * A launcher script and the environment it is started with.
   *
   * @param script the script
   * @param environment variables set for it
   */
  public record Launcher(Path script, Map<String, String> environment) {
    public Launcher {
      environment = Map.copyOf(environment);
    }
  }

  /**
   * {@code run} with a manifest and a Secrets file, exactly as a pod runs it, on a free status port
   * known before the runner answers.
   */
  public static RunnerCommand run(Path config, Path secrets, Path log) {
    return of(
        List.of(
            "run",
            "--config",
            config.toString(),
            "--secrets",
            secrets.toString(),
            "--status-port",
            Integer.toString(freePort())),
        log);
  }

  /** The status port given with {@code --status-port}; 0 when absent or 0 (the runner picks). */
  int statusPort() {
    int at = args.indexOf("--status-port");
    return at < 0 || at + 1 >= args.size() ? 0 : Integer.parseInt(args.get(at + 1));
  }

  /** The whole command line. */
  List<String> commandLine() {
    List<String> command = new ArrayList<>();
    if (launcher != null) {
      command.add(launcher.script().toString());
      command.addAll(args);
      return command;
    }
    command.add(RepoFiles.java());
    command.addAll(jvmOptions);
    if (classPath == null) {
      command.add("-jar");
      command.add(RepoFiles.runnerJar().toString());
    } else {
      command.add("-cp");
      command.add(classPath);
      command.add(MAIN_CLASS);
    }
    command.addAll(args);
    return command;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
