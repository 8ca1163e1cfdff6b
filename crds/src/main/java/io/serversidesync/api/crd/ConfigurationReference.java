package io.serversidesync.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.api.v1alpha1.RunnerPodTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders docs/configuration.md from the generated CRD, so the reference can never disagree with
 * what the API server enforces. {@code make crd} copies it into docs/; a test compares the copy.
 */
final class ConfigurationReference {

  private ConfigurationReference() {}

  static void write(Path crdFile, Path output) throws IOException {
    JsonNode crd = new YAMLMapper().readTree(crdFile.toFile());
    JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema");
    StringBuilder out = new StringBuilder();
    out.append("# ServerSideSync configuration reference\n\n")
        .append("<!-- Generated from the CRD by `make crd`; do not edit by hand. -->\n\n")
        .append(schema.path("description").asText())
        .append(
            "\n\n`apiVersion: serversidesync.io/v1alpha1`, `kind: ServerSideSync`, short name `sss`.")
        .append(
            " A complete example: [examples/contacts-salesforce.yaml](../examples/contacts-salesforce.yaml).\n\n")
        .append(
            "Cross-field rules (checked by the API server with CEL, and by the runner in local mode):\n\n");
    List<String> rules = new ArrayList<>();
    collectRuleMessages(schema, rules);
    rules.forEach(r -> out.append("- ").append(r).append('\n'));
    section(out, "spec", schema.at("/properties/spec"));
    section(out, "status", schema.at("/properties/status"));
    Files.writeString(output, out.toString());
  }

  private static void section(StringBuilder out, String name, JsonNode node) {
    out.append("\n## ")
        .append(name)
        .append("\n\n")
        .append(node.path("description").asText())
        .append("\n\n| Field | Type | Default | Description |\n|---|---|---|---|\n");
    rows(out, name, node);
  }

  private static void rows(StringBuilder out, String path, JsonNode node) {
    Set<String> required = new HashSet<>();
    node.path("required").forEach(r -> required.add(r.asText()));
    for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
      JsonNode p = property.getValue();
      String child = path + "." + property.getKey();
      out.append("| `")
          .append(child)
          .append("`")
          .append(required.contains(property.getKey()) ? " (required)" : "")
          .append(" | ")
          .append(type(p))
          .append(" | ")
          .append(p.has("default") ? "`" + p.get("default").asText() + "`" : "")
          .append(" | ")
          .append(p.path("description").asText().replace("|", "\\|"))
          .append(constraints(p))
          .append(" |\n");
      if (RunnerPodTemplate.KUBERNETES_TYPED_FIELDS.contains(child)) {
        continue; // Kubernetes's own type: its description points at kubectl explain
      }
      JsonNode nested = p.has("items") ? p.get("items") : p;
      rows(out, child + (p.has("items") ? "[]" : ""), nested);
    }
  }

  private static String type(JsonNode p) {
    String type = p.path("type").asText("object");
    if (type.equals("array")) {
      return "list of " + p.path("items").path("type").asText("object");
    }
    return type;
  }

  private static String constraints(JsonNode p) {
    List<String> parts = new ArrayList<>();
    if (p.has("enum")) {
      List<String> values = new ArrayList<>();
      p.get("enum").forEach(e -> values.add("`" + e.asText() + "`"));
      parts.add("One of " + String.join(", ", values) + ".");
    }
    if (p.has("minimum") && p.has("maximum")) {
      parts.add("Range " + p.get("minimum").asLong() + ".." + p.get("maximum").asLong() + ".");
    } else if (p.has("minimum")) {
      parts.add("At least " + p.get("minimum").asLong() + ".");
    } else if (p.has("maximum")) {
      parts.add("At most " + p.get("maximum").asLong() + ".");
    }
    if (p.has("minItems") || p.has("maxItems")) {
      parts.add(
          "Items "
              + (p.has("minItems") ? p.get("minItems").asInt() : 0)
              + ".."
              + (p.has("maxItems") ? p.get("maxItems").asInt() : "")
              + ".");
    }
    return parts.isEmpty() ? "" : " " + String.join(" ", parts);
  }

  private static void collectRuleMessages(JsonNode node, List<String> out) {
    node.path("x-kubernetes-validations").forEach(r -> out.add(r.get("message").asText()));
    node.path("properties").forEach(child -> collectRuleMessages(child, out));
    if (node.has("items")) {
      collectRuleMessages(node.get("items"), out);
    }
  }
}
