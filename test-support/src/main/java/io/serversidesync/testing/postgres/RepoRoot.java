package io.serversidesync.testing.postgres;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the directory holding scripts/pg-up.sh) from a module directory. */
public final class RepoRoot {

  private RepoRoot() {}

  public static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isExecutable(dir.resolve("scripts/pg-up.sh"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "scripts/pg-up.sh not found above "
            + Path.of("").toAbsolutePath()
            + "; run tests from the repository");
  }
}
