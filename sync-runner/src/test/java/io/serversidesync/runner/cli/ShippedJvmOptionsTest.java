package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options of the runner image are what the local launcher and the benchmarks run with:
 * memory and CPU figures are measured with the settings that ship.
 */
class ShippedJvmOptionsTest {

  private static final Pattern IMAGE = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"");

  @Test
  void theLauncherAndTheBenchmarksRunWithTheImagesJvmOptions() throws IOException {
    Matcher image = IMAGE.matcher(Files.readString(Path.of("Dockerfile")));
    assertThat(image.find()).as("sync-runner/Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
    List<String> shipped =
        Arrays.stream(image.group(1).split("\\s+")).filter(o -> o.startsWith("-XX:")).toList();
    assertThat(shipped).contains("-XX:MaxRAMPercentage=75");

    for (Path file :
        List.of(
            Path.of("bin/sync-runner"),
            Path.of("../scripts/bench.d/backlog.sh"),
            Path.of("../scripts/bench.d/capture.sh"))) {
      String text = Files.readString(file);
      // The pod's 512Mi limit, which MaxRAM stands for outside a container.
      assertThat(text).as(file.toString()).contains("-XX:MaxRAM=512m " + String.join(" ", shipped));
    }
  }
}
