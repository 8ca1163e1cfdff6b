package io.serversidesync.operator.monitoring;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a tool named by an environment variable or on the PATH. */
final class Binaries {

  private Binaries() {}

  static Path find(String variable, String name) {
    String named = System.getenv(variable);
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        name
            + " is missing: run scripts/tools.sh (make test does; Debian: apt-get install"
            + " --no-install-recommends prometheus), or set "
            + variable);
  }
}
