package io.serversidesync.runner.destination.salesforce.parent;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.describe.LookupDescription;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import io.serversidesync.runner.destination.salesforce.describe.ObjectDescription;
import io.serversidesync.runner.destination.salesforce.describe.ParentRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each lookup the mapping sets by a parent's external id against describe, before any change
 * is read: the field is a lookup Salesforce lets one set that way (it has a relationship name), it
 * points to the named object, and the parent's field is an External ID (or another field Salesforce
 * finds records by). Each problem names its spec path and the fix.
 */
public final class ParentChecks {

  private static final Logger log = LoggerFactory.getLogger(ParentChecks.class);

  /** Describes a parent object (one API call per object). */
  @FunctionalInterface
  public interface ParentDescriber {
    ObjectDescription describe(String object, String specPath) throws DestinationException;
  }

  private ParentChecks() {}

  /**
   * @return the checked lookups by lower-case field name
   * @throws DestinationException CONFIGURATION listing every problem
   */
  public static Map<String, ParentField> resolve(
      ObjectDescription child, List<MappedField> mapping, ParentDescriber parents)
      throws DestinationException {
    Map<String, ParentField> resolved = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Map<String, ObjectDescription> described = new HashMap<>();
    for (MappedField mapped : mapping) {
      ParentRef ref = mapped.parent();
      if (ref == null) {
        continue;
      }
      Optional<FieldDescription> field = child.field(mapped.field());
      if (field.isEmpty()) {
        continue; // MappingCheck names the missing field
      }
      Optional<String> problem = lookupProblem(child, mapped, field.get());
      if (problem.isPresent()) {
        problems.add(problem.get());
        continue;
      }
      LookupDescription lookup = field.get().lookup();
      String target = lookup.target(ref.object()).orElseThrow();
      String key = target.toLowerCase(Locale.ROOT);
      ObjectDescription parent = described.get(key);
      if (parent == null) {
        parent = parents.describe(target, ref.specPath() + ".object");
        described.put(key, parent);
      }
      Optional<FieldDescription> parentKey = parent.field(ref.externalIdField());
      if (parentKey.isEmpty()) {
        problems.add(
            MappingCheck.noSuchField(
                ref.specPath() + ".externalIdField", parent, ref.externalIdField()));
        continue;
      }
      FieldDescription k = parentKey.get();
      if (!k.externalId() && !k.idLookup()) {
        problems.add(
            ref.specPath()
                + ".externalIdField: "
                + parent.name()
                + "."
                + k.name()
                + " is not an External ID field, so Salesforce cannot find the parent by it; in"
                + " Setup mark it External ID (and Unique), or name the parent's External ID field");
        continue;
      }
      if (!k.unique()) {
        log.warn(
            "{}.externalIdField: {}.{} is not Unique; a value held by several {} records fails"
                + " the rows that name it (DUPLICATE_EXTERNAL_ID). Mark it Unique in Setup.",
            ref.specPath(),
            parent.name(),
            k.name(),
            parent.name());
      }
      resolved.put(
          field.get().name().toLowerCase(Locale.ROOT),
          new ParentField(
              field.get().name(), lookup.relationshipName(), target, k, lookup.polymorphic()));
    }
    if (!problems.isEmpty()) {
      throw new DestinationException(
          Kind.CONFIGURATION, "MappingInvalid", String.join("; ", problems));
    }
    return resolved;
  }

  private static Optional<String> lookupProblem(
      ObjectDescription child, MappedField mapped, FieldDescription field) {
    String name = child.name() + "." + field.name();
    LookupDescription lookup = field.lookup();
    if (lookup == null) {
      return Optional.of(
          mapped.specPath()
              + ": "
              + name
              + " is a "
              + field.type()
              + " field, not a lookup; a reference sets a lookup field such as AccountId or"
              + " Parent__c (remove reference to write the column as it is)");
    }
    if (lookup.relationshipName() == null) {
      return Optional.of(
          mapped.specPath()
              + ": "
              + name
              + " has no relationship name, so Salesforce cannot set it by the parent's external"
              + " id; map a column that holds the parent's record id instead (without reference)");
    }
    ParentRef ref = mapped.parent();
    if (lookup.target(ref.object()).isEmpty()) {
      String targets = String.join(", ", lookup.referenceTo());
      return Optional.of(
          ref.specPath()
              + ".object: "
              + name
              + (lookup.polymorphic()
                  ? " points to one of "
                      + targets
                      + ", not "
                      + ref.object()
                      + "; name the one type"
                      + " this column's values belong to"
                  : " points to "
                      + targets
                      + ", not "
                      + ref.object()
                      + "; set object: "
                      + targets));
    }
    return Optional.empty();
  }
}
