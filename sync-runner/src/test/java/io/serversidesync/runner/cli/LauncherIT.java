package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** bin/sync-runner starts the jar with a runner pod's memory settings, not the JVM's defaults. */
@Tag("integration") // runs the shaded jar, which exists from the package phase on
class LauncherIT {

  private static final Pattern HEAP = Pattern.compile("heap up to (\\d+) MiB \\((.+?)\\), (\\w+)");

  @Test
  void boundsTheHeapAsARunnerPodDoes() {
    RunnerProcess.Result run = version(Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    Matcher heap = HEAP.matcher(run.output());
    assertThat(heap.find()).as(run.output()).isTrue();
    // 75 % of the pod's 512Mi limit; the JVM reports a little less (one survivor space).
    assertThat(Long.parseLong(heap.group(1))).isBetween(256L, 384L);
    assertThat(heap.group(2)).isEqualTo("set");
    assertThat(heap.group(3)).isEqualTo("Serial");
  }

  @Test
  void takesTheOperatorsOwnOptions() {
    RunnerProcess.Result run = version(Map.of("SSS_JAVA_OPTS", "-Xmx200m -XX:+UseSerialGC"));

    Matcher heap = HEAP.matcher(run.output());
    assertThat(heap.find()).as(run.output()).isTrue();
    assertThat(Long.parseLong(heap.group(1))).isLessThanOrEqualTo(200L);
  }

  @Test
  void saysToBuildWhenTheJarIsMissing() {
    RunnerProcess.Result run = version(Map.of("SSS_RUNNER_JAR", "/nonexistent/runner.jar"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("/nonexistent/runner.jar does not exist", "make build");
  }

  private static RunnerProcess.Result version(Map<String, String> env) {
    return RunnerProcess.runToEnd(
        RunnerCommand.viaLauncher(
            List.of("--version"), env, Path.of("target/launcher-it/launcher.log")),
        Duration.ofMinutes(1));
  }
}
