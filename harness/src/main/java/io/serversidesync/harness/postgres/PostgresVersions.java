package io.serversidesync.harness.postgres;

import io.serversidesync.harness.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The major versions of the version matrix, as scripts/pg-versions.txt lists them. */
public final class PostgresVersions {

  private PostgresVersions() {}

  /** The majors in file order (oldest first), e.g. ["13", "14", …]. */
  public static List<String> majors() {
    try {
      return Files.readAllLines(RepoFiles.root().resolve("scripts/pg-versions.txt")).stream()
          .map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split("\\s+")[0])
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scripts/pg-versions.txt", e);
    }
  }
}
