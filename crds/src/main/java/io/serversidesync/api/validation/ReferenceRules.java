package io.serversidesync.api.validation;

import io.serversidesync.api.Durations;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.Identifiers;
import io.serversidesync.api.v1alpha1.ParentReference;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of {@code spec.mapping[].reference} (a lookup set by the parent's external id): what
 * the CRD's CEL rules check, plus the duration range CEL cannot express.
 */
final class ReferenceRules {

  static final Duration MAX_WAIT_FOR_PARENT = Duration.ofHours(24);

  private ReferenceRules() {}

  static void check(ServerSideSyncSpec spec, Violations v) {
    List<FieldMapping> mapping = spec.getMapping();
    if (mapping == null) {
      return;
    }
    String key = spec.getSource() == null ? null : spec.getSource().getUpsertKey();
    String destinationIdColumn =
        spec.getTwoWay() == null ? null : spec.getTwoWay().getDestinationIdColumn();
    Map<String, Integer> idColumns = new HashMap<>();
    for (int i = 0; i < mapping.size(); i++) {
      FieldMapping entry = mapping.get(i);
      if (entry == null || entry.getReference() == null) {
        continue;
      }
      String path = "spec.mapping[" + i + "].reference";
      ParentReference reference = entry.getReference();
      if (spec.getDestination() != null && spec.getDestination().getHubspot() != null) {
        v.add(
            path,
            "HubSpot has no lookup fields set by a parent's unique property (it links records by"
                + " associations, which this release does not write); map the parent's identifier"
                + " to a plain property instead");
        continue;
      }
      if (entry.getColumn() != null && entry.getColumn().equals(key)) {
        v.add(
            path,
            "the upsert key \""
                + key
                + "\" is the record's own external id, not a lookup; remove reference from this"
                + " entry");
      }
      if (v.required(path + ".object", reference.getObject(), "the parent object, e.g. Account")) {
        v.matches(
            path + ".object",
            reference.getObject(),
            Identifiers.FIELD_PATTERN,
            "must be an object API name, e.g. Account or Parent__c");
      }
      if (v.required(
          path + ".externalIdField",
          reference.getExternalIdField(),
          "the parent's External ID field, e.g. Account_Ref__c")) {
        v.matches(
            path + ".externalIdField",
            reference.getExternalIdField(),
            Identifiers.FIELD_PATTERN,
            "must be a field API name, e.g. Account_Ref__c");
      }
      checkWait(path + ".waitForParent", reference.getWaitForParent(), v);
      String idColumn = reference.getIdColumn();
      if (idColumn == null) {
        continue;
      }
      String idPath = path + ".idColumn";
      v.matches(
          idPath,
          idColumn,
          Identifiers.COLUMN_PATTERN,
          "must be an unquoted lower-case Postgres identifier (letters, digits, _; at most 63)");
      if (spec.getTwoWay() == null) {
        v.add(
            idPath,
            "only the reverse direction writes the parent's record id; set spec.twoWay or remove"
                + " idColumn");
      }
      boolean mapped = mapping.stream().anyMatch(m -> m != null && idColumn.equals(m.getColumn()));
      if (mapped || idColumn.equals(destinationIdColumn)) {
        v.add(
            idPath,
            "\""
                + idColumn
                + "\" is "
                + (mapped ? "a mapped column" : "spec.twoWay.destinationIdColumn")
                + "; the parent's record id needs a column of its own (e.g. account_salesforce_id)");
      }
      Integer first = idColumns.putIfAbsent(idColumn, i);
      if (first != null) {
        v.add(
            idPath,
            "\""
                + idColumn
                + "\" already receives the parent id of spec.mapping["
                + first
                + "]; give each reference its own column");
      }
    }
  }

  private static void checkWait(String path, String text, Violations v) {
    if (!v.required(path, text, "how long to retry a row whose parent is missing, e.g. 10m")) {
      return;
    }
    try {
      Duration wait = Durations.parse(text);
      if (wait.isZero() || wait.compareTo(MAX_WAIT_FOR_PARENT) > 0) {
        v.add(path, text + " is out of range: must be more than 0 and at most 24h");
      }
    } catch (IllegalArgumentException e) {
      v.add(path, e.getMessage());
    }
  }
}
