package io.serversidesync.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.api.v1alpha1.RunnerPodTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedCrdTest {

  private final JsonNode crd = GeneratedCrd.tree();

  @Test
  void namesTheResourceAsTheApiDefines() {
    assertThat(crd.at("/metadata/name").asText()).isEqualTo("serversidesyncs.serversidesync.io");
    assertThat(crd.at("/spec/group").asText()).isEqualTo("serversidesync.io");
    assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("ServerSideSync");
    assertThat(crd.at("/spec/names/plural").asText()).isEqualTo("serversidesyncs");
    assertThat(crd.at("/spec/names/shortNames/0").asText()).isEqualTo("sss");
    assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
    assertThat(crd.at("/spec/versions/0/name").asText()).isEqualTo("v1alpha1");
    assertThat(crd.at("/spec/versions/0/served").asBoolean()).isTrue();
    assertThat(crd.at("/spec/versions/0/storage").asBoolean()).isTrue();
  }

  /** Conditions merge per type, like every Kubernetes condition list, and carry RFC 3339 times. */
  @Test
  void conditionsAreAListKeyedByTypeWithDateTimes() {
    JsonNode conditions = GeneratedCrd.schema().at("/properties/status/properties/conditions");
    assertThat(conditions.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(conditions.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"type\"]");
    assertThat(conditions.at("/items/required").toString()).contains("\"type\"");
    assertThat(conditions.at("/items/properties/lastTransitionTime/format").asText())
        .isEqualTo("date-time");
  }

  @Test
  void hasTheStatusSubresource() {
    assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
  }

  @Test
  void printerColumnsAreReadyPhaseLagCallsSavedCallsPerDayAgeInThatOrder() {
    List<String> names = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    crd.at("/spec/versions/0/additionalPrinterColumns")
        .forEach(
            c -> {
              names.add(c.get("name").asText());
              paths.add(c.get("jsonPath").asText());
            });
    assertThat(names).containsExactly("READY", "PHASE", "LAG", "CALLS-SAVED", "CALLS/DAY", "AGE");
    assertThat(paths)
        .containsExactly(
            ".status.conditions[?(@.type==\"Ready\")].status",
            ".status.phase",
            ".status.lag.seconds",
            ".status.counters.apiCallsSaved",
            ".status.plan.callsPerDay",
            ".metadata.creationTimestamp");
  }

  @Test
  void everyFieldHasADescriptionForKubectlExplain() {
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(GeneratedCrd.schema(), "serversidesync", undocumented);
    assertThat(undocumented).isEmpty();
  }

  @Test
  void carriesTheCrossFieldCelRules() {
    List<String> rules = new ArrayList<>();
    collectRules(GeneratedCrd.schema(), rules);
    // One rule per cross-field check the API promises; CrdValidationRulesTest evaluates each.
    assertThat(rules).hasSize(13);
    assertThat(rules)
        .anyMatch(
            r ->
                r.contains(
                    "self.mapping.exists(m, has(m.column) && m.column == self.source.upsertKey)"))
        .anyMatch(r -> r.contains("self.exists_one(n, has(n.column) && n.column == m.column)"))
        .anyMatch(r -> r.contains("self.exists_one(n, has(n.field) && n.field == m.field)"))
        .anyMatch(r -> r.contains("self.maxRecords >= 1 && self.maxRecords <= 200"))
        .anyMatch(
            r -> r.contains("(has(self.salesforce) ? 1 : 0) + (has(self.hubspot) ? 1 : 0) == 1"))
        .anyMatch(r -> r.contains("m.field == self.destination.externalIdField"));
    assertThat(rules).anyMatch(r -> r.contains("self.twoWay.destinationIdColumn"));
    // spec.runner.pod: the operator's own labels and annotations stay the operator's
    assertThat(rules)
        .anyMatch(r -> r.contains("'app.kubernetes.io/managed-by'"))
        .anyMatch(r -> r.equals("self.all(k, !k.startsWith('serversidesync.io/'))"));
  }

  @Test
  void requiredFieldsEnumsAndDefaultsAreDeclared() {
    JsonNode spec = GeneratedCrd.schema().at("/properties/spec");
    assertThat(spec.get("required"))
        .extracting(JsonNode::toString)
        .asString()
        .contains("source", "destination", "mapping");
    assertThat(spec.at("/properties/source/properties/postgres/properties/sslMode/enum").toString())
        .isEqualTo("[\"disable\",\"require\",\"verify-ca\",\"verify-full\"]");
    assertThat(spec.at("/properties/batching/properties/maxRecords/default").asInt())
        .isEqualTo(200);
    assertThat(spec.at("/properties/batching/properties/maxDelay/default").asText())
        .isEqualTo("2s");
    assertThat(spec.at("/properties/deletes/default").asText()).isEqualTo("Ignore");
  }

  @Test
  void chartCopyIsWhatTheBuildGenerates() throws IOException {
    assertThat(GeneratedCrd.chartCopy())
        .as(
            "charts/serversidesync-operator/crds/ differs from the CRD generated from the model;"
                + " run `make crd` and commit the result")
        .isEqualTo(GeneratedCrd.text());
  }

  @Test
  void docsConfigurationReferenceIsWhatTheBuildGenerates() throws IOException {
    String generated =
        new String(
            GeneratedCrdTest.class
                .getClassLoader()
                .getResourceAsStream("META-INF/fabric8/configuration.md")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
            java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "configuration.md")))
        .as("docs/configuration.md is stale; run `make crd` and commit the result")
        .isEqualTo(generated);
  }

  private static void collectUndocumented(JsonNode node, String path, List<String> out) {
    for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
      String child = path + "." + property.getKey();
      if (!property.getValue().hasNonNull("description")
          || property.getValue().get("description").asText().isBlank()) {
        out.add(child);
      }
      // Kubernetes's own types are documented by kubectl explain pod.spec.<field>
      if (!RunnerPodTemplate.KUBERNETES_TYPED_FIELDS.contains(
          child.substring("serversidesync.".length()))) {
        collectUndocumented(property.getValue(), child, out);
      }
    }
    if (node.has("items")) {
      collectUndocumented(node.get("items"), path + "[]", out);
    }
  }

  private static void collectRules(JsonNode node, List<String> out) {
    node.path("x-kubernetes-validations").forEach(r -> out.add(r.get("rule").asText()));
    node.path("properties").forEach(child -> collectRules(child, out));
    if (node.has("items")) {
      collectRules(node.get("items"), out);
    }
  }
}
