package io.serversidesync.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.serversidesync.operator.testing.RepoFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.jse.JseBaseLib;

/**
 * Runs docs/argocd/health.lua against every case of docs/argocd/health_test.yaml, as Argo CD would:
 * the object as a global {@code obj}, the result a table with status and message. Only Lua's base
 * functions are loaded, so the script cannot lean on a library Argo CD might not give.
 */
class ArgoCdHealthCheckTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TestFactory
  Stream<DynamicTest> everyCaseOfHealthTestYaml() throws IOException {
    JsonNode cases = YAML.readTree(RepoFiles.read("docs/argocd/health_test.yaml")).path("tests");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      String input = c.path("inputPath").asText();
      tests.add(
          DynamicTest.dynamicTest(
              input,
              () -> {
                JsonNode object = YAML.readTree(RepoFiles.read("docs/argocd/" + input));
                Map<String, String> result = run(object);
                assertThat(result.get("status")).isEqualTo(c.at("/healthStatus/status").asText());
                assertThat(result.get("message")).isEqualTo(c.at("/healthStatus/message").asText());
              }));
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(7);
    return tests.stream();
  }

  @Test
  void coversEveryHealthStatusTheIssueNames() throws IOException {
    JsonNode cases = YAML.readTree(RepoFiles.read("docs/argocd/health_test.yaml")).path("tests");
    List<String> statuses = new ArrayList<>();
    cases.forEach(c -> statuses.add(c.at("/healthStatus/status").asText()));
    assertThat(statuses).contains("Healthy", "Progressing", "Degraded", "Suspended");
  }

  /** Runs the health check on an object; returns hs.status and hs.message. */
  static Map<String, String> run(JsonNode object) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(object));
    LuaValue hs = globals.load(RepoFiles.read("docs/argocd/health.lua"), "health.lua").call();
    return Map.of("status", hs.get("status").tojstring(), "message", hs.get("message").tojstring());
  }

  static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      node.properties().forEach(e -> table.set(e.getKey(), toLua(e.getValue())));
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      int i = 1;
      for (JsonNode item : node) {
        table.set(i++, toLua(item));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    return LuaValue.valueOf(node.asText());
  }
}
