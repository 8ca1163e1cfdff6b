package io.serversidesync.runner.config;

import io.serversidesync.runner.destination.SecretLookup;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Secrets mounted into the pod by the operator: {@code <dir>/<secret name>/<key>}, one file per key
 * (see {@link io.serversidesync.api.runner.RunnerContract#SECRETS_DIR}).
 */
public final class MountedSecrets implements SecretLookup {

  private final Path dir;

  public MountedSecrets(Path dir) {
    this.dir = dir;
  }

  /** The Secrets mounted, for a message about one that is not. */
  private String mounted() {
    try (Stream<Path> dirs = Files.list(dir)) {
      List<String> names =
          dirs.filter(Files::isDirectory)
              .map(d -> d.getFileName().toString())
              .filter(n -> !n.startsWith("."))
              .sorted()
              .toList();
      return names.isEmpty() ? "none" : String.join(", ", names);
    } catch (IOException e) {
      return "none readable in " + dir;
    }
  }

  @Override
  public String get(String name, String key) throws MissingSecretException {
    if (name.contains("/") || key.contains("/") || name.startsWith(".") || key.equals("..")) {
      throw new MissingSecretException("invalid Secret reference " + name + "/" + key);
    }
    Path secretDir = dir.resolve(name);
    if (!Files.isDirectory(secretDir)) {
      throw new SecretNotFoundException(
          "Secret \""
              + name
              + "\" is not mounted at "
              + secretDir
              + " (mounted: "
              + mounted()
              + "); check that it exists in the sync's namespace");
    }
    Path file = secretDir.resolve(key);
    if (!Files.isRegularFile(file)) {
      throw new MissingSecretException(
          "Secret \"" + name + "\" has no key \"" + key + "\" (no file " + file + ")");
    }
    try {
      return Files.readString(file);
    } catch (CharacterCodingException e) {
      throw new MissingSecretException(
          "Secret \"" + name + "\" key \"" + key + "\" is not UTF-8 text");
    } catch (IOException e) {
      throw new MissingSecretException(
          "Secret \"" + name + "\" key \"" + key + "\" cannot be read: " + e.getMessage());
    }
  }
}
