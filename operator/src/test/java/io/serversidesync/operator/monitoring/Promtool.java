package io.serversidesync.operator.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * promtool from Debian's prometheus package, which scripts/tools.sh installs (make test runs it);
 * PROMTOOL names another binary.
 */
public final class Promtool {

  private Promtool() {}

  /** What promtool printed and how it ended. */
  public record Result(int exitCode, String output) {}

  /** The binary: $PROMTOOL, else promtool on the PATH. */
  public static Path binary() {
    return Binaries.find("PROMTOOL", "promtool");
  }

  /** Runs promtool with {@code args} in {@code dir}; stdout and stderr together. */
  public static Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("promtool", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("promtool did not finish in 2 minutes: " + command);
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
