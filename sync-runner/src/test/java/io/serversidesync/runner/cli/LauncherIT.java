package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** bin/sync-runner starts the jar with a runner pod's memory settings, not the JVM's defaults. */
@Tag("integration") // runs the shaded jar, which exists from the package phase on
class LauncherIT {

  private static final Pattern HEAP = Pattern.compile("heap up to (\\d+) MiB \\((.+?)\\), (\\w+)");

  @Test
  void boundsTheHeapAsARunnerPodDoes() throws Exception {
    Run run = launch(Map.of());

    assertThat(run.exit).as(run.output).isZero();
    Matcher heap = HEAP.matcher(run.output);
    assertThat(heap.find()).as(run.output).isTrue();
    // 75 % of the pod's 512Mi limit; the JVM reports a little less (one survivor space).
    assertThat(Long.parseLong(heap.group(1))).isBetween(256L, 384L);
    assertThat(heap.group(2)).isEqualTo("set");
    assertThat(heap.group(3)).isEqualTo("Serial");
  }

  @Test
  void takesTheOperatorsOwnOptions() throws Exception {
    Run run = launch(Map.of("SSS_JAVA_OPTS", "-Xmx200m -XX:+UseSerialGC"));

    Matcher heap = HEAP.matcher(run.output);
    assertThat(heap.find()).as(run.output).isTrue();
    assertThat(Long.parseLong(heap.group(1))).isLessThanOrEqualTo(200L);
  }

  @Test
  void saysToBuildWhenTheJarIsMissing() throws Exception {
    Run run = launch(Map.of("SSS_RUNNER_JAR", "/nonexistent/sync-runner.jar"));

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.output).contains("/nonexistent/sync-runner.jar does not exist", "make build");
  }

  private static Run launch(Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(Path.of("bin/sync-runner").toAbsolutePath().toString(), "--version")
            .redirectErrorStream(true);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("SSS_JAVA_OPTS");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("bin/sync-runner --version did not end: " + output);
    }
    return new Run(process.exitValue(), output);
  }

  private record Run(int exit, String output) {}
}
