package io.serversidesync.operator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** helm and kubectl from scripts/tools.sh (.tools/bin), run as child processes. */
public final class Tools {

  private Tools() {}

  /** What a command printed and how it ended. */
  public record Result(int exitCode, String stdout, String stderr) {}

  public static Result helm(String... args) {
    return run(Map.of(), "helm", args);
  }

  public static Result kubectl(Map<String, String> env, String... args) {
    return run(env, "kubectl", args);
  }

  private static Result run(Map<String, String> env, String tool, String... args) {
    Path binary = RepoFiles.path(".tools/bin/" + tool);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary + " is missing: run scripts/tools.sh (make test does)");
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(tool, ".out");
      Path err = Files.createTempFile(tool, ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(RepoFiles.root().toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(tool + " did not finish in 2 minutes: " + command);
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
