package io.serversidesync.sandbox.schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads an objects.yaml declaration (format in docs/sandbox.md). */
public final class SchemaLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private SchemaLoader() {}

  /**
   * Thrown when the declaration cannot be read or is inconsistent; the message says what to fix.
   */
  public static final class InvalidSchemaException extends RuntimeException {
    public InvalidSchemaException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  record FileDoc(
      @JsonProperty("includeDefaults") Boolean includeDefaults,
      @JsonProperty("objects") List<ObjectDoc> objects) {}

  record ObjectDoc(
      @JsonProperty("name") String name,
      @JsonProperty("label") String label,
      @JsonProperty("labelPlural") String labelPlural,
      @JsonProperty("keyPrefix") String keyPrefix,
      @JsonProperty("fields") List<FieldDoc> fields) {}

  record FieldDoc(
      @JsonProperty("name") String name,
      @JsonProperty("label") String label,
      @JsonProperty("type") String type,
      @JsonProperty("length") Integer length,
      @JsonProperty("precision") Integer precision,
      @JsonProperty("scale") Integer scale,
      @JsonProperty("required") Boolean required,
      @JsonProperty("externalId") Boolean externalId,
      @JsonProperty("unique") Boolean unique,
      @JsonProperty("caseSensitive") Boolean caseSensitive,
      @JsonProperty("createable") Boolean createable,
      @JsonProperty("updateable") Boolean updateable,
      // One object name, or a list of them for a polymorphic lookup.
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          @JsonProperty("referenceTo")
          List<String> referenceTo) {}

  public static Schema load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new InvalidSchemaException(
          "cannot read objects file " + file + ": " + e.getMessage(), e);
    }
  }

  public static Schema load(InputStream in, String source) {
    FileDoc doc;
    try {
      doc = YAML.readValue(in, FileDoc.class);
    } catch (JacksonException e) {
      throw new InvalidSchemaException(
          source + " is not a valid objects declaration: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidSchemaException("cannot read " + source + ": " + e.getMessage(), e);
    }
    if (doc == null || doc.objects() == null) {
      throw new InvalidSchemaException(source + " declares no 'objects' list", null);
    }
    List<ObjectDef> objects = new ArrayList<>();
    boolean includeDefaults = doc.includeDefaults() == null || doc.includeDefaults();
    if (includeDefaults) {
      objects.addAll(DefaultSchema.create().objects());
      objects.removeIf(
          d -> doc.objects().stream().anyMatch(o -> d.name().equalsIgnoreCase(o.name())));
    }
    try {
      for (ObjectDoc o : doc.objects()) {
        objects.add(toObject(o));
      }
      return new Schema(objects);
    } catch (IllegalArgumentException e) {
      throw new InvalidSchemaException(source + ": " + e.getMessage(), e);
    }
  }

  private static ObjectDef toObject(ObjectDoc o) {
    if (o.name() == null || o.name().isBlank()) {
      throw new IllegalArgumentException("an object has no name");
    }
    if (o.fields() == null) {
      throw new IllegalArgumentException("object " + o.name() + " has no fields list");
    }
    List<FieldDef> fields = new ArrayList<>();
    for (FieldDoc f : o.fields()) {
      fields.add(toField(o.name(), f));
    }
    String label = o.label() != null ? o.label() : o.name();
    String plural = o.labelPlural() != null ? o.labelPlural() : label + "s";
    return new ObjectDef(o.name(), label, plural, o.keyPrefix(), Fields.withSystemFields(fields));
  }

  private static FieldDef toField(String object, FieldDoc f) {
    if (f.name() == null || f.name().isBlank()) {
      throw new IllegalArgumentException("a field of object " + object + " has no name");
    }
    if (f.type() == null) {
      throw new IllegalArgumentException("field " + object + "." + f.name() + " has no type");
    }
    if (Fields.systemFields().stream().anyMatch(s -> s.name().equalsIgnoreCase(f.name()))) {
      throw new IllegalArgumentException(
          "field " + object + "." + f.name() + " is a system field; the sandbox adds it itself");
    }
    FieldType type;
    try {
      type = FieldType.parse(f.type());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(object + "." + f.name() + ": " + e.getMessage(), e);
    }
    if (type == FieldType.ID) {
      type = FieldType.REFERENCE;
    }
    int length = f.length() != null ? f.length() : type.isText() ? 255 : type.isId() ? 18 : 0;
    int precision = f.precision() != null ? f.precision() : type.isNumber() ? 18 : 0;
    int scale = f.scale() != null ? f.scale() : type == FieldType.INT ? 0 : type.isNumber() ? 2 : 0;
    List<String> referenceTo = type == FieldType.REFERENCE ? referenceTo(object, f) : List.of();
    boolean externalId = Boolean.TRUE.equals(f.externalId());
    if (externalId && !(type.isText() || type.isNumber())) {
      throw new IllegalArgumentException(
          "external id " + object + "." + f.name() + " must be a text or number field");
    }
    return new FieldDef(
        f.name(),
        f.label() != null ? f.label() : defaultLabel(f.name()),
        type,
        length,
        precision,
        scale,
        Boolean.TRUE.equals(f.required()),
        externalId,
        Boolean.TRUE.equals(f.unique()),
        Boolean.TRUE.equals(f.caseSensitive()),
        f.createable() == null || f.createable(),
        f.updateable() == null || f.updateable(),
        f.name().endsWith("__c"),
        referenceTo,
        false);
  }

  private static List<String> referenceTo(String object, FieldDoc f) {
    List<String> targets = f.referenceTo() == null ? List.of() : f.referenceTo();
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(
          "reference field "
              + object
              + "."
              + f.name()
              + " needs referenceTo (an object name, or a list of them for a polymorphic lookup)");
    }
    Set<String> seen = new HashSet<>();
    for (String t : targets) {
      if (t == null || t.isBlank() || !seen.add(t.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "reference field "
                + object
                + "."
                + f.name()
                + " has a blank or repeated object in referenceTo: "
                + targets);
      }
    }
    return targets;
  }

  /** Salesforce derives a custom field's default label from its name: underscores to spaces. */
  static String defaultLabel(String apiName) {
    String base = apiName.endsWith("__c") ? apiName.substring(0, apiName.length() - 3) : apiName;
    return base.replace('_', ' ');
  }
}
