package io.serversidesync.api.manifest;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.validation.ServerSideSyncValidator;
import io.serversidesync.api.validation.Violation;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a {@code ServerSideSync} manifest (YAML or JSON) the way the API server would: unknown
 * fields and wrong types are errors, defaults fill what is absent, and every message names the
 * field.
 */
public final class ManifestReader {

  private final ObjectMapper mapper;
  private final ServerSideSyncValidator validator = new ServerSideSyncValidator();

  public ManifestReader() {
    mapper =
        YAMLMapper.builder(new YAMLFactory())
            // a field given twice would silently lose one value (the API server refuses it too)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    // An empty value (`batching:`) keeps the default, as the API server's defaulting does.
    mapper.setDefaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SKIP));
  }

  /** Reads and validates a manifest file. */
  public ServerSideSync read(Path file) throws InvalidManifestException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw single(file.toString(), "file", "not found");
    } catch (CharacterCodingException e) {
      throw single(file.toString(), "file", "is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw single(file.toString(), "file", "cannot be read: " + e.getMessage());
    }
    return read(file.toString(), text);
  }

  /** Reads and validates a manifest given as text; {@code source} names it in messages. */
  public ServerSideSync read(String source, String text) throws InvalidManifestException {
    ServerSideSync sync = parse(source, text);
    List<Violation> violations = validator.validate(sync);
    if (!violations.isEmpty()) {
      throw new InvalidManifestException(source, violations);
    }
    return sync;
  }

  /** Parses without the semantic validation (for tools that report violations themselves). */
  public ServerSideSync parse(String source, String text) throws InvalidManifestException {
    JsonNode tree;
    try {
      tree = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw single(source, location(e.getLocation()), "malformed YAML: " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw single(source, "(document)", "empty; expected a ServerSideSync manifest");
    }
    if (!tree.isObject()) {
      throw single(source, "(document)", "expected a mapping (apiVersion, kind, metadata, spec)");
    }
    String kind = tree.path("kind").asText("");
    if (!ServerSideSync.KIND.equals(kind)) {
      throw single(
          source,
          "kind",
          (kind.isEmpty() ? "missing" : "\"" + kind + "\"") + "; expected " + ServerSideSync.KIND);
    }
    String apiVersion = tree.path("apiVersion").asText("");
    if (!ServerSideSync.API_VERSION.equals(apiVersion)) {
      throw single(
          source,
          "apiVersion",
          (apiVersion.isEmpty() ? "missing" : "\"" + apiVersion + "\"")
              + "; expected "
              + ServerSideSync.API_VERSION);
    }
    try {
      return mapper.treeToValue(tree, ServerSideSync.class);
    } catch (JsonParseException e) {
      throw single(source, location(e.getLocation()), "malformed YAML: " + e.getOriginalMessage());
    } catch (JsonMappingException e) {
      throw single(source, path(e), describe(e));
    } catch (JsonProcessingException e) {
      throw single(source, "(document)", e.getOriginalMessage());
    }
  }

  private static String describe(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field"
          + known(unknown.getKnownPropertyIds())
          + " (check the spelling; see kubectl explain serversidesync.spec)";
    }
    if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
      Class<?> target = format.getTargetType();
      if (target.isEnum()) {
        return "unknown value \""
            + format.getValue()
            + "\"; allowed: "
            + Arrays.stream(target.getEnumConstants())
                .map(ManifestReader::enumValue)
                .collect(Collectors.joining(", "));
      }
      return "\"" + format.getValue() + "\" is not a valid " + typeName(target);
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return "expected " + typeName(mismatch.getTargetType());
    }
    return e.getOriginalMessage();
  }

  private static String enumValue(Object constant) {
    try {
      var value = constant.getClass().getMethod("value");
      return String.valueOf(value.invoke(constant));
    } catch (ReflectiveOperationException e) {
      return ((Enum<?>) constant).name();
    }
  }

  private static String typeName(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean (true or false)";
    }
    if (type == String.class) {
      return "string";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "list";
    }
    return "mapping";
  }

  private static String known(Collection<Object> ids) {
    if (ids == null || ids.isEmpty()) {
      return "";
    }
    return "; known fields: "
        + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      }
    }
    return out.length() == 0 ? "(document)" : out.toString();
  }

  private static String location(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "(document)";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static InvalidManifestException single(String source, String path, String message) {
    return new InvalidManifestException(source, List.of(new Violation(path, message)));
  }
}
