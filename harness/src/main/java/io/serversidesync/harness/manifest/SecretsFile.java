package io.serversidesync.harness.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kubernetes Secret manifests (stringData) for the runner's {@code --secrets}. */
public final class SecretsFile {

  private static final YAMLMapper YAML = new YAMLMapper();

  private final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();

  /** Adds (or replaces) a key of a Secret. */
  public SecretsFile put(String secret, String key, String value) {
    secrets.computeIfAbsent(secret, s -> new LinkedHashMap<>()).put(key, value);
    return this;
  }

  /** The HubSpot private app's access token a {@link SyncManifest#hubspot} manifest names. */
  public SecretsFile hubSpotToken(String token) {
    return put(SyncManifest.HUBSPOT_SECRET, SyncManifest.HUBSPOT_TOKEN_KEY, token);
  }

  /** Removes a key of a Secret. */
  public SecretsFile remove(String secret, String key) {
    Map<String, String> keys = secrets.get(secret);
    if (keys != null) {
      keys.remove(key);
    }
    return this;
  }

  public String yaml() {
    StringBuilder out = new StringBuilder();
    for (var secret : secrets.entrySet()) {
      ObjectNode doc = YAML.createObjectNode();
      doc.put("apiVersion", "v1").put("kind", "Secret");
      doc.putObject("metadata").put("name", secret.getKey());
      doc.put("type", "Opaque");
      ObjectNode data = doc.putObject("stringData");
      secret.getValue().forEach(data::put);
      try {
        out.append(YAML.writeValueAsString(doc));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out.toString();
  }

  /** Writes the manifests to {@code file}, readable by the owner only. */
  public Path write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      return Files.writeString(file, yaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
