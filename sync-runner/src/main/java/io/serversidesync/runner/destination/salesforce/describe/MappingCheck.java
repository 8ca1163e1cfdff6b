package io.serversidesync.runner.destination.salesforce.describe;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.Spelling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a sync's fields against the object's describe before any change is read: every field
 * exists and the integration user may create and update it, and the external-id field is a unique
 * External ID (so that upserts find exactly one record).
 */
public final class MappingCheck {

  /**
   * A mapped field and where the manifest names it.
   *
   * @param specPath e.g. spec.mapping[3].field
   * @param field the API name
   * @param parent set when the column holds the parent's external id for this lookup; else null
   */
  public record MappedField(String specPath, String field, ParentRef parent) {
    public MappedField(String specPath, String field) {
      this(specPath, field, null);
    }
  }

  private MappingCheck() {}

  /**
   * @throws DestinationException CONFIGURATION listing every problem, each prefixed by its spec
   *     path
   */
  public static void check(
      ObjectDescription object, String externalIdField, List<MappedField> fields)
      throws DestinationException {
    List<String> problems = new ArrayList<>();
    String objectName = object.name();
    Optional<FieldDescription> externalId = object.field(externalIdField);
    if (externalId.isEmpty()) {
      problems.add(noSuchField("spec.destination.externalIdField", object, externalIdField));
    } else {
      FieldDescription key = externalId.get();
      if (!key.externalId() || !key.idLookup()) {
        problems.add(
            "spec.destination.externalIdField: "
                + objectName
                + "."
                + key.name()
                + " is not an External ID field; in Setup mark it External ID and Unique");
      } else if (!key.unique()) {
        problems.add(
            "spec.destination.externalIdField: "
                + objectName
                + "."
                + key.name()
                + " is an External ID but not Unique, so an upsert could match several records;"
                + " in Setup mark it Unique");
      }
    }
    for (MappedField mapped : fields) {
      Optional<FieldDescription> field = object.field(mapped.field());
      if (field.isEmpty()) {
        if (!mapped.field().equalsIgnoreCase(externalIdField)) {
          problems.add(noSuchField(mapped.specPath(), object, mapped.field()));
        }
        continue;
      }
      FieldDescription f = field.get();
      if (!f.createable() || !f.updateable()) {
        problems.add(
            mapped.specPath()
                + ": the integration user cannot "
                + (!f.createable() && !f.updateable()
                    ? "set"
                    : !f.createable() ? "set on new records" : "update")
                + " "
                + objectName
                + "."
                + f.name()
                + " (createable="
                + f.createable()
                + ", updateable="
                + f.updateable()
                + "); map only fields the user may create and edit (check field-level security)");
      }
    }
    if (!problems.isEmpty()) {
      throw new DestinationException(
          Kind.CONFIGURATION, "MappingInvalid", String.join("; ", problems));
    }
  }

  /** "spec.x: Salesforce object O has no field F (did you mean G?)". */
  public static String noSuchField(String specPath, ObjectDescription object, String field) {
    String message = specPath + ": Salesforce object " + object.name() + " has no field " + field;
    String suggestion = closest(object, field);
    return suggestion == null ? message : message + " (did you mean " + suggestion + "?)";
  }

  /** A field whose name is at most two edits away, for the typo case. */
  private static String closest(ObjectDescription object, String field) {
    return Spelling.closest(
        field, object.fields().values().stream().map(FieldDescription::name).toList());
  }
}
