package io.serversidesync.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.serversidesync.operator.rbac.OperatorPermissions;
import io.serversidesync.operator.rbac.Permission;
import io.serversidesync.operator.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The chart rendered by helm template, as YAML documents. */
final class RenderedChart {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  final String text;
  final List<JsonNode> documents;

  private RenderedChart(String text, List<JsonNode> documents) {
    this.text = text;
    this.documents = documents;
  }

  static RenderedChart render(String... setValues) {
    List<String> args =
        new ArrayList<>(List.of("template", "sss", "charts/serversidesync-operator", "-n", "ops"));
    for (String value : setValues) {
      args.add("--set");
      args.add(value);
    }
    Tools.Result result = Tools.helm(args.toArray(String[]::new));
    assertThat(result.exitCode()).as("helm template: %s", result.stderr()).isZero();
    return new RenderedChart(result.stdout(), parse(result.stdout()));
  }

  static List<JsonNode> parse(String text) {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(text)) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node != null && !node.isNull() && !node.isEmpty()) {
          docs.add(node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  List<JsonNode> ofKind(String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  JsonNode named(String kind, String name) {
    List<JsonNode> found =
        ofKind(kind).stream().filter(d -> name.equals(d.at("/metadata/name").asText())).toList();
    assertThat(found).as("rendered %s %s", kind, name).hasSize(1);
    return found.get(0);
  }

  JsonNode single(String kind) {
    List<JsonNode> found = ofKind(kind);
    assertThat(found).as("rendered %s", kind).hasSize(1);
    return found.get(0);
  }

  /** The rules of a ClusterRole or Role as permissions, one per resource. */
  static List<Permission> permissions(JsonNode role) {
    List<Permission> out = new ArrayList<>();
    for (JsonNode rule : role.path("rules")) {
      Set<String> verbs = new TreeSet<>();
      rule.path("verbs").forEach(v -> verbs.add(v.asText()));
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          out.add(new Permission(group.asText(), resource.asText(), verbs));
        }
      }
    }
    return OperatorPermissions.merge(out);
  }

  static JsonNode json(Object value) {
    return JSON.valueToTree(value);
  }
}
