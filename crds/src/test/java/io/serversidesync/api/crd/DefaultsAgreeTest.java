package io.serversidesync.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The defaults the API server applies (schema) and those local mode gets (Java initialisers) are
 * the same, so a sync behaves alike with and without Kubernetes.
 */
class DefaultsAgreeTest {

  @Test
  void schemaDefaultsEqualJavaDefaults() {
    JsonNode javaDefaults = new ObjectMapper().valueToTree(new ServerSideSyncSpec());
    List<String> mismatches = new ArrayList<>();
    compare(GeneratedCrd.schema().at("/properties/spec"), javaDefaults, "spec", mismatches);
    assertThat(mismatches).isEmpty();
  }

  private static void compare(JsonNode schema, JsonNode java, String path, List<String> out) {
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String child = path + "." + property.getKey();
      JsonNode def = property.getValue().get("default");
      JsonNode value = java == null ? null : java.get(property.getKey());
      if (def != null && (value == null || !def.asText().equals(value.asText()))) {
        out.add(child + ": schema default " + def + ", Java default " + value);
      }
      if (value != null && value.isObject()) {
        compare(property.getValue(), value, child, out);
      }
    }
  }
}
