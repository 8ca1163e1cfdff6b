package io.serversidesync.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (chart, examples, docs), found from the module directory. */
public final class RepoFiles {

  private RepoFiles() {}

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("charts/serversidesync-operator"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "charts/serversidesync-operator not found above " + Path.of("").toAbsolutePath());
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  public static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
