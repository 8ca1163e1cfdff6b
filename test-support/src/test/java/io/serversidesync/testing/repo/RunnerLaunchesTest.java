package io.serversidesync.testing.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Everything that drives the runner from outside (demo, chaos, benchmarks, end-to-end tests)
 * launches it through the harness's {@code RunnerProcess}: one launcher, one way to read its status
 * and to stop it. A source file elsewhere that starts a process and names the runner fails here.
 */
class RunnerLaunchesTest {

  private static final Pattern STARTS_A_PROCESS =
      Pattern.compile("new ProcessBuilder|Runtime\\.getRuntime\\(\\)\\.exec");
  private static final Pattern NAMES_THE_RUNNER =
      Pattern.compile("sync-runner\\.jar|sync-runner/target|SyncRunnerCommand|runnerJar\\(\\)");
  private static final String HARNESS = "harness/src/main/java/io/serversidesync/harness/runner/";

  @Test
  void onlyTheHarnessLaunchesTheRunner() throws IOException {
    Path root = RepoFiles.root();
    List<String> launchers;
    try (Stream<Path> files = Files.walk(root)) {
      launchers =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .map(root::relativize)
              .filter(p -> p.toString().contains("/src/") && !p.startsWith(".git"))
              .filter(p -> !p.toString().startsWith(HARNESS) && !p.toString().contains("/target/"))
              .filter(p -> !p.endsWith("RunnerLaunchesTest.java")) // its own examples
              .filter(p -> launchesTheRunner(root.resolve(p)))
              .map(Path::toString)
              .sorted()
              .toList();
    }
    assertThat(launchers)
        .as("files that start the runner themselves (use io.serversidesync.harness.runner)")
        .isEmpty();
  }

  @Test
  void theRuleSeesALauncher() {
    assertThat(
            launches(
                "new ProcessBuilder(java, \"-jar\", root.resolve(\"sync-runner/target/sync-runner.jar\"))"))
        .isTrue();
    assertThat(launches("new ProcessBuilder(\"helm\", \"template\")")).isFalse();
  }

  private static boolean launchesTheRunner(Path file) {
    try {
      return launches(Files.readString(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean launches(String source) {
    return STARTS_A_PROCESS.matcher(source).find() && NAMES_THE_RUNNER.matcher(source).find();
  }
}
