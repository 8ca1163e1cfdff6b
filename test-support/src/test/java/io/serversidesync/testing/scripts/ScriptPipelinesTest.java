package io.serversidesync.testing.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts `make test` runs never fail on a busy machine for a reason of their own: under {@code
 * set -o pipefail}, a pipeline whose reader stops early ({@code | head -1}) fails with SIGPIPE
 * (exit 141) whenever the writer is still writing when the reader exits, which load makes likely.
 */
class ScriptPipelinesTest {

  /** A pipe into a reader that may exit before its writer has written everything. */
  private static final Pattern EARLY_READER =
      Pattern.compile(
          "\\|\\s*(head\\b|grep\\s+(-\\w*[qm]|--quiet|--max-count)|sed\\s+-n\\s+'?\\d+q)");

  @Test
  void noScriptPipesIntoAReaderThatStopsEarly() throws IOException {
    Path root = RepoFiles.root();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> scripts = Files.walk(root.resolve("scripts"))) {
      scripts.filter(p -> p.toString().endsWith(".sh")).forEach(files::add);
    }
    files.add(root.resolve(".ci/run"));
    files.add(root.resolve("Makefile"));
    List<String> found = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.stripLeading().startsWith("#") && EARLY_READER.matcher(line).find()) {
          found.add(root.relativize(file) + ":" + (i + 1) + ": " + line.strip());
        }
      }
    }
    assertThat(found)
        .as("pipelines into a reader that stops early (read the output into a variable instead)")
        .isEmpty();
  }

  /**
   * The versions {@code make test} prints come from tools that write more than one line (kubectl
   * writes its client and Kustomize versions): here each stub writes a first line and then more
   * than a pipe holds, which made {@code kubectl version | head -1} fail with exit 141.
   */
  @Test
  void theToolchainReportReadsFirstLinesOfToolsThatWriteMore(@TempDir Path tmp) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    stub(bin, "helm", "v9.8.7+gstub");
    stub(bin, "kubectl", "Client Version: v9.8.7");
    stub(bin, "postgres", "postgres (PostgreSQL) 42.1");
    stub(bin, "initdb", "initdb (PostgreSQL) 42.1");
    stub(bin, "pg_ctl", "pg_ctl (PostgreSQL) 42.1");
    Path root = RepoFiles.root();
    ProcessBuilder builder =
        new ProcessBuilder("bash", root.resolve("scripts/toolchain.sh").toString())
            .redirectErrorStream(true);
    builder
        .environment()
        .putAll(Map.of("SSS_TOOLS_BIN", bin.toString(), "PG_BINDIR", bin.toString()));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
    assertThat(output)
        .contains("toolchain: PostgreSQL: postgres (PostgreSQL) 42.1 (" + bin + ")")
        .contains("toolchain: helm: v9.8.7+gstub (" + bin.resolve("helm") + ")")
        .contains("toolchain: kubectl: Client Version: v9.8.7 (" + bin.resolve("kubectl") + ")")
        .contains("toolchain: java: ")
        .contains("toolchain: maven: ");
  }

  /** A tool that prints {@code first}, then 200,000 more lines (over a megabyte). */
  private static void stub(Path bin, String name, String first) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\necho '" + first + "'\nseq 1 200000\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
