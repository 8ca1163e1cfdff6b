package io.serversidesync.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Admits an object the way the API server does with our CRD: structural defaulting, OpenAPI schema
 * validation (types, required, enum, ranges, lengths, patterns, unknown fields) and the {@code
 * x-kubernetes-validations} CEL rules, evaluated with CEL-Java. Everything is read from the
 * generated CRD, so a broken rule or schema fails the tests.
 */
final class ApiServerSimulation {

  /** One rule evaluation, recorded so tests can prove every rule was exercised both ways. */
  record RuleOutcome(String rule, String path, boolean passed) {}

  private static final ObjectMapper YAML = new YAMLMapper();

  private final JsonNode schema;
  private final CelCompiler compiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final List<RuleOutcome> outcomes = new ArrayList<>();

  ApiServerSimulation(JsonNode schema) {
    this.schema = schema;
  }

  List<RuleOutcome> outcomes() {
    return outcomes;
  }

  /** Returns the errors the API server would answer; empty means admitted. */
  List<String> admit(String yaml) {
    Object object;
    try {
      object = toCel(YAML.readValue(yaml, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    applyDefaults(schema, object);
    List<String> errors = new ArrayList<>();
    validate(schema, object, "", errors);
    return errors;
  }

  /** CEL wants int64 for integers; Jackson gives Integer for small ones. */
  @SuppressWarnings("unchecked")
  private static Object toCel(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), toCel(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(toCel(v)));
      return out;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof java.math.BigInteger b) {
      return b.longValue();
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private void applyDefaults(JsonNode node, Object value) {
    if (value instanceof Map<?, ?> raw) {
      Map<String, Object> map = (Map<String, Object>) raw;
      JsonNode properties = node.path("properties");
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        JsonNode def = property.getValue().get("default");
        if (!map.containsKey(property.getKey()) && def != null) {
          map.put(property.getKey(), toCel(YAML.convertValue(def, Object.class)));
        }
        if (map.containsKey(property.getKey())) {
          applyDefaults(property.getValue(), map.get(property.getKey()));
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        applyDefaults(node.path("items"), item);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void validate(JsonNode node, Object value, String path, List<String> errors) {
    if (value == null) {
      errors.add(display(path) + ": must not be null");
      return;
    }
    String type = node.path("type").asText("");
    boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);
    if (!intOrString && !type.isEmpty() && !hasType(type, value)) {
      errors.add(display(path) + ": must be of type " + type);
      return;
    }
    if (node.has("enum")) {
      List<String> allowed = new ArrayList<>();
      node.get("enum").forEach(e -> allowed.add(e.asText()));
      if (!allowed.contains(String.valueOf(value))) {
        errors.add(
            display(path) + ": Unsupported value: \"" + value + "\": supported values: " + allowed);
      }
    }
    if (value instanceof String s) {
      if (node.has("minLength") && s.length() < node.get("minLength").asInt()) {
        errors.add(
            display(path)
                + ": should be at least "
                + node.get("minLength").asInt()
                + " chars long");
      }
      if (node.has("maxLength") && s.length() > node.get("maxLength").asInt()) {
        errors.add(display(path) + ": may not be longer than " + node.get("maxLength").asInt());
      }
      if (node.has("pattern") && !Pattern.compile(node.get("pattern").asText()).matcher(s).find()) {
        errors.add(display(path) + ": should match '" + node.get("pattern").asText() + "'");
      }
    }
    if (value instanceof Number n && !(value instanceof Double && type.equals("integer"))) {
      if (node.has("minimum") && n.doubleValue() < node.get("minimum").asDouble()) {
        errors.add(
            display(path) + ": should be greater than or equal to " + node.get("minimum").asLong());
      }
      if (node.has("maximum") && n.doubleValue() > node.get("maximum").asDouble()) {
        errors.add(
            display(path) + ": should be less than or equal to " + node.get("maximum").asLong());
      }
    }
    if (value instanceof List<?> list) {
      if (node.has("minItems") && list.size() < node.get("minItems").asInt()) {
        errors.add(
            display(path) + ": should have at least " + node.get("minItems").asInt() + " items");
      }
      if (node.has("maxItems") && list.size() > node.get("maxItems").asInt()) {
        errors.add(
            display(path) + ": must have at most " + node.get("maxItems").asInt() + " items");
      }
      for (int i = 0; i < list.size(); i++) {
        validate(node.path("items"), list.get(i), path + "[" + i + "]", errors);
      }
    }
    if (value instanceof Map<?, ?> raw) {
      Map<String, Object> map = (Map<String, Object>) raw;
      node.path("required")
          .forEach(
              r -> {
                if (!map.containsKey(r.asText())) {
                  errors.add(display(path + "." + r.asText()) + ": Required value");
                }
              });
      JsonNode properties = node.path("properties");
      JsonNode additional = node.get("additionalProperties");
      for (Map.Entry<String, Object> entry : map.entrySet()) {
        String child = path + "." + entry.getKey();
        if (properties.has(entry.getKey())) {
          validate(properties.get(entry.getKey()), entry.getValue(), child, errors);
        } else if (additional != null) {
          validate(additional, entry.getValue(), child, errors);
        } else if (!path.isEmpty()
            || !Set.of("apiVersion", "kind", "metadata").contains(entry.getKey())) {
          errors.add(display(child) + ": unknown field");
        }
      }
    }
    if (node.has("x-kubernetes-validations")) {
      for (JsonNode rule : node.get("x-kubernetes-validations")) {
        String text = rule.get("rule").asText();
        Boolean passed = evaluate(text, value, path, errors);
        if (passed == null) {
          continue;
        }
        outcomes.add(new RuleOutcome(text, path, passed));
        if (!passed) {
          String field = rule.has("fieldPath") ? path + rule.get("fieldPath").asText() : path;
          errors.add(display(field) + ": Invalid value: " + rule.get("message").asText());
        }
      }
    }
  }

  /** Returns the rule's verdict, or null after recording an evaluation error as the API would. */
  private Boolean evaluate(String rule, Object self, String path, List<String> errors) {
    try {
      CelRuntime.Program program = runtime.createProgram(compiler.compile(rule).getAst());
      Object result = program.eval(Map.of("self", self));
      if (!(result instanceof Boolean b)) {
        throw new AssertionError("rule at " + display(path) + " is not boolean: " + rule);
      }
      return b;
    } catch (CelValidationException e) {
      throw new AssertionError("rule at " + display(path) + " does not compile: " + rule, e);
    } catch (CelEvaluationException e) {
      errors.add(
          display(path) + ": Invalid value: error evaluating rule " + rule + ": " + e.getMessage());
      return null;
    }
  }

  private static boolean hasType(String type, Object value) {
    return switch (type) {
      case "object" -> value instanceof Map;
      case "array" -> value instanceof List;
      case "string" -> value instanceof String;
      case "integer" -> value instanceof Long;
      case "number" -> value instanceof Number;
      case "boolean" -> value instanceof Boolean;
      default -> true;
    };
  }

  private static String display(String path) {
    return path.isEmpty() ? "<root>" : path.substring(1);
  }
}
