package io.serversidesync.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the built jars are, found from the working directory upwards. */
public final class RepoFiles {

  private RepoFiles() {}

  /** The repository root (the directory holding scripts/pg-up.sh). */
  public static Path root() {
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
            + "; run from the repository");
  }

  /** The runner's shaded jar; it must have been built (mvn package). */
  public static Path runnerJar() {
    Path jar = root().resolve("sync-runner/target/sync-runner.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " does not exist; build it first: mvn -B -ntp -q -pl sync-runner -am package"
              + " -DskipTests");
    }
    return jar;
  }

  /** The java launcher of the running JVM, for child JVMs. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
