package io.serversidesync.sandbox.write;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.FieldType;
import io.serversidesync.sandbox.schema.Fields;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.schema.Schema;
import io.serversidesync.sandbox.store.SalesforceId;
import io.serversidesync.sandbox.values.ValueRenderer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks field values against the declared types with Salesforce's error codes and messages. */
final class RecordValidator {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final Schema schema;

  RecordValidator(Schema schema) {
    this.schema = schema;
  }

  /**
   * Validates the values written to a record and normalises them (numbers rounded to their scale,
   * ids to 18 characters) into {@code normalised}; returns the first error.
   *
   * @param existing the record's current values, or null on create
   */
  Optional<RecordError> validate(
      ObjectDef object,
      RecordInput input,
      Map<String, Object> existing,
      Map<String, Object> normalised) {
    boolean create = existing == null;
    if (create && input.values().keySet().stream().anyMatch(f -> f.name().equals(Fields.ID))) {
      return Optional.of(
          RecordError.of("INVALID_FIELD", "cannot specify Id in an insert call", Fields.ID));
    }
    List<String> readOnly = new ArrayList<>();
    for (FieldDef f : input.values().keySet()) {
      if (f.system() || (create ? !f.createable() : !f.updateable())) {
        readOnly.add(f.name());
      }
    }
    if (!readOnly.isEmpty()) {
      return Optional.of(
          new RecordError(
              "INVALID_FIELD_FOR_INSERT_UPDATE",
              "Unable to create/update fields: "
                  + String.join(", ", readOnly)
                  + ". Please check the security settings of this field and verify that it is"
                  + " read/write for your profile or permission set.",
              readOnly));
    }
    for (Map.Entry<FieldDef, Object> e : input.values().entrySet()) {
      FieldDef f = e.getKey();
      Object v = e.getValue();
      if (v == null) {
        normalised.put(f.name(), null);
        continue;
      }
      Optional<RecordError> error = checkValue(f, v, normalised);
      if (error.isPresent()) {
        return error;
      }
    }
    List<String> missing = new ArrayList<>();
    for (FieldDef f : object.requiredFields()) {
      boolean given = input.has(f);
      Object after = given ? input.value(f) : create ? null : existing.get(f.name());
      if (after == null || (after instanceof String s && s.isEmpty())) {
        missing.add(f.name());
      }
    }
    if (!missing.isEmpty()) {
      return Optional.of(
          new RecordError(
              "REQUIRED_FIELD_MISSING",
              "Required fields are missing: [" + String.join(", ", missing) + "]",
              missing));
    }
    return Optional.empty();
  }

  private Optional<RecordError> checkValue(FieldDef f, Object v, Map<String, Object> normalised) {
    if (f.type().isText()) {
      String s = (String) v;
      if (s.length() > f.length()) {
        return Optional.of(
            RecordError.of(
                "STRING_TOO_LONG",
                f.label() + ": data value too large: " + s + " (max length=" + f.length() + ")",
                f.name()));
      }
      if (f.type() == FieldType.EMAIL && !s.isEmpty() && !EMAIL.matcher(s).matches()) {
        return Optional.of(
            RecordError.of(
                "INVALID_EMAIL_ADDRESS", f.label() + ": invalid email address: " + s, f.name()));
      }
      // Salesforce stores an empty string as null.
      normalised.put(f.name(), s.isEmpty() ? null : s);
      return Optional.empty();
    }
    if (f.type().isNumber()) {
      BigDecimal n = ((BigDecimal) v).setScale(f.scale(), RoundingMode.HALF_UP);
      int integerDigits = n.precision() - n.scale();
      if (integerDigits > f.precision() - f.scale()) {
        return Optional.of(
            RecordError.of(
                "NUMBER_OUTSIDE_VALID_RANGE",
                f.label()
                    + ": value outside of valid range on numeric field: "
                    + ValueRenderer.toText(v),
                f.name()));
      }
      normalised.put(f.name(), n);
      return Optional.empty();
    }
    if (f.type().isId()) {
      String text = (String) v;
      if (text.isEmpty()) {
        normalised.put(f.name(), null);
        return Optional.empty();
      }
      Optional<String> id = SalesforceId.canonical(text);
      boolean rightObject = id.isPresent() && pointsToDeclaredTarget(f, id.get());
      if (!rightObject) {
        return Optional.of(
            RecordError.of(
                "MALFORMED_ID", f.label() + ": id value of incorrect type: " + text, f.name()));
      }
      normalised.put(f.name(), id.get());
      return Optional.empty();
    }
    normalised.put(f.name(), v);
    return Optional.empty();
  }

  /**
   * Whether the id's key prefix is one of the lookup's targets; a target the sandbox does not
   * declare (User) has no known prefix, so any id may be one of its.
   */
  private boolean pointsToDeclaredTarget(FieldDef f, String id) {
    for (String target : f.referenceTo()) {
      Optional<ObjectDef> o = schema.object(target);
      if (o.isEmpty() || id.startsWith(o.get().keyPrefix())) {
        return true;
      }
    }
    return f.referenceTo().isEmpty();
  }
}
