package io.serversidesync.runner.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.serversidesync.runner.destination.SecretLookup;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Secrets given as Kubernetes Secret manifests in one YAML file (local mode): several documents
 * separated by ---, or a v1 List; values in {@code data} (base64) or {@code stringData} (stringData
 * wins, as in the API server).
 */
public final class SecretManifests implements SecretLookup {

  private final String source;
  private final Map<String, Map<String, String>> secrets;

  private SecretManifests(String source, Map<String, Map<String, String>> secrets) {
    this.source = source;
    this.secrets = secrets;
  }

  /**
   * Reads the file.
   *
   * @throws ConfigException naming the file and the document that cannot be used (never a value)
   */
  public static SecretManifests read(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("--secrets " + file + ": file not found");
    } catch (CharacterCodingException e) {
      throw new ConfigException("--secrets " + file + ": is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw new ConfigException("--secrets " + file + ": cannot be read: " + e.getMessage());
    }
    return parse(file.toString(), text);
  }

  /** Parses Secret manifests given as text; {@code source} names them in messages. */
  public static SecretManifests parse(String source, String text) throws ConfigException {
    Map<String, Map<String, String>> secrets = new HashMap<>();
    // a key given twice would silently lose one value (last wins): refuse it
    ObjectMapper mapper =
        new ObjectMapper(
            new YAMLFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature()));
    try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        index++;
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        if ("List".equals(doc.path("kind").asText())) {
          for (JsonNode item : doc.path("items")) {
            add(source, index, item, secrets);
          }
        } else {
          add(source, index, doc, secrets);
        }
      }
    } catch (JsonParseException e) {
      if (e.getOriginalMessage().startsWith("Duplicate field")) {
        // names a key, never a value
        throw new ConfigException(
            source + ": " + e.getOriginalMessage() + "; give each key once per Secret");
      }
      throw notYaml(source);
    } catch (IOException e) {
      throw notYaml(source);
    }
    return new SecretManifests(source, secrets);
  }

  /** Jackson's message may quote the YAML around the error, which can hold secret values. */
  private static ConfigException notYaml(String source) {
    return new ConfigException(
        source + ": not valid YAML (check indentation and quoting near the reported line)");
  }

  private static void add(
      String source, int index, JsonNode doc, Map<String, Map<String, String>> secrets)
      throws ConfigException {
    String where = source + " document " + index;
    if (!"Secret".equals(doc.path("kind").asText())) {
      throw new ConfigException(
          where + ": kind is \"" + doc.path("kind").asText() + "\"; expected Secret");
    }
    String name = doc.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw new ConfigException(where + ": metadata.name is required");
    }
    Map<String, String> values = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : doc.path("data").properties()) {
      try {
        values.put(
            entry.getKey(),
            new String(
                Base64.getMimeDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            where
                + ": data."
                + entry.getKey()
                + " of Secret "
                + name
                + " is not base64; put plain text under stringData instead");
      }
    }
    for (Map.Entry<String, JsonNode> entry : doc.path("stringData").properties()) {
      values.put(entry.getKey(), entry.getValue().asText());
    }
    secrets.put(name, values);
  }

  @Override
  public String get(String name, String key) throws MissingSecretException {
    Map<String, String> secret = secrets.get(name);
    if (secret == null) {
      throw new SecretNotFoundException(
          "Secret \""
              + name
              + "\" does not exist in "
              + source
              + " (it holds: "
              + String.join(", ", new TreeSet<>(secrets.keySet()))
              + ")");
    }
    String value = secret.get(key);
    if (value == null) {
      throw new MissingSecretException(
          "Secret \"" + name + "\" in " + source + " has no key \"" + key + "\"");
    }
    return value;
  }
}
