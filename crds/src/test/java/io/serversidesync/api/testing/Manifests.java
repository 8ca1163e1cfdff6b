package io.serversidesync.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The shipped example manifest, and variants of it with one thing changed. */
public final class Manifests {

  public static final Path EXAMPLE = Path.of("..", "examples", "contacts-salesforce.yaml");
  private static final ObjectMapper YAML = new YAMLMapper();

  private Manifests() {}

  public static String example() {
    try {
      return Files.readString(EXAMPLE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example with an edit applied to its {@code spec}. */
  public static String exampleWithSpec(Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) YAML.readTree(example());
      edit.accept((ObjectNode) root.get("spec"));
      return YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a mapping entry. */
  public static void addMapping(ObjectNode spec, String column, String field) {
    ((ArrayNode) spec.get("mapping")).addObject().put("column", column).put("field", field);
  }

  public static ObjectNode object(JsonNode node, String field) {
    return (ObjectNode) node.get(field);
  }
}
