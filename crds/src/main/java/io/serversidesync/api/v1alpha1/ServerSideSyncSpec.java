package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Desired state of a sync. Every rule here is mirrored by the Java validator for local mode. */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
// Rules guard with has() so that a missing required field yields only its "Required value" error,
// never a CEL evaluation error on top of it.
@ValidationRule(
    value =
        "!has(self.mapping) || !has(self.source) || !has(self.source.upsertKey)"
            + " || self.mapping.exists(m, has(m.column) && m.column == self.source.upsertKey)",
    message = "spec.source.upsertKey must be one of spec.mapping[].column",
    fieldPath = ".source.upsertKey",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.mapping) || !has(self.source) || !has(self.source.upsertKey)"
            + " || !has(self.destination) || !has(self.destination.externalIdField)"
            + " || !self.mapping.exists(m, has(m.column) && m.column == self.source.upsertKey)"
            + " || self.mapping.exists(m, has(m.column) && has(m.field)"
            + " && m.column == self.source.upsertKey && m.field == self.destination.externalIdField)",
    message =
        "the mapping of spec.source.upsertKey must target spec.destination.externalIdField"
            + " (upserts are keyed by that field)",
    fieldPath = ".mapping",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.twoWay) || !has(self.twoWay.destinationIdColumn)"
            + " || ((!has(self.source) || !has(self.source.upsertKey)"
            + " || self.twoWay.destinationIdColumn != self.source.upsertKey)"
            + " && (!has(self.mapping) || !self.mapping.exists(m, has(m.column)"
            + " && m.column == self.twoWay.destinationIdColumn)))",
    message =
        "spec.twoWay.destinationIdColumn must be a column of its own: not the upsert key and"
            + " not a mapped column",
    fieldPath = ".twoWay.destinationIdColumn",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.mapping) || !has(self.source) || !has(self.source.upsertKey)"
            + " || !self.mapping.exists(m, has(m.column) && m.column == self.source.upsertKey"
            + " && has(m.reference))",
    message =
        "the mapping of spec.source.upsertKey cannot set a reference: the upsert key is the"
            + " record's own external id, not a lookup",
    fieldPath = ".mapping",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.mapping) || has(self.twoWay)"
            + " || !self.mapping.exists(m, has(m.reference) && has(m.reference.idColumn))",
    message =
        "spec.mapping[].reference.idColumn needs spec.twoWay: only the reverse direction writes"
            + " the parent's record id",
    fieldPath = ".mapping",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.mapping) || !has(self.twoWay) || !has(self.twoWay.destinationIdColumn)"
            + " || !self.mapping.exists(m, has(m.reference) && has(m.reference.idColumn)"
            + " && m.reference.idColumn == self.twoWay.destinationIdColumn)",
    message =
        "spec.mapping[].reference.idColumn must not be spec.twoWay.destinationIdColumn: each id"
            + " needs a column of its own",
    fieldPath = ".mapping",
    reason = "FieldValueInvalid")
public class ServerSideSyncSpec {

  @Required
  @JsonPropertyDescription(
      "Where changes come from: the Postgres connection, the table and its upsert key.")
  private SourceSpec source;

  @Required
  @JsonPropertyDescription(
      "Where changes go: exactly one destination kind (salesforce, later hubspot), the object"
          + " and its external-id field.")
  private DestinationSpec destination;

  @Required
  @Size(min = 1, max = 500)
  @ValidationRule(
      value =
          "self.all(m, !has(m.column) || self.exists_one(n, has(n.column) && n.column == m.column))",
      message = "spec.mapping[].column values must be unique",
      reason = "FieldValueDuplicate")
  @ValidationRule(
      value =
          "self.all(m, !has(m.field) || self.exists_one(n, has(n.field) && n.field == m.field))",
      message = "spec.mapping[].field values must be unique",
      reason = "FieldValueDuplicate")
  @ValidationRule(
      value =
          "self.all(m, !has(m.reference) || !has(m.reference.idColumn)"
              + " || (!self.exists(n, has(n.column) && n.column == m.reference.idColumn)"
              + " && self.exists_one(n, has(n.reference) && has(n.reference.idColumn)"
              + " && n.reference.idColumn == m.reference.idColumn)))",
      message =
          "spec.mapping[].reference.idColumn must be a column of its own: not a mapped column and"
              + " not another reference's idColumn",
      reason = "FieldValueInvalid")
  @JsonPropertyDescription(
      "Columns to sync and the destination field each one populates. Must include the upsert"
          + " key mapped to the external-id field. Columns not listed are never read.")
  private List<FieldMapping> mapping = new ArrayList<>();

  @Default("Ignore")
  @JsonPropertyDescription(
      "What a row deleted in Postgres does in the destination: Ignore (keep the record) or"
          + " Delete (delete it by external id).")
  private DeletePolicy deletes = DeletePolicy.Ignore;

  @JsonPropertyDescription(
      "How changes are grouped into destination calls: batch size, maximum delay, Bulk API"
          + " threshold and the bound on pending keys.")
  private BatchingSpec batching = new BatchingSpec();

  @JsonPropertyDescription(
      "Limits on destination API use: requests per second, concurrent requests and the share"
          + " of the org's daily API allocation this sync may spend.")
  private RateLimitSpec rateLimit = new RateLimitSpec();

  @JsonPropertyDescription(
      "Present for two-way sync: destination-side changes and native record ids flow back into"
          + " the Postgres table. Absent means one-way.")
  private TwoWaySpec twoWay;

  @JsonPropertyDescription("Runner pod settings: compute resources and log level.")
  private RunnerSpec runner = new RunnerSpec();

  @Default("false")
  @JsonPropertyDescription(
      "true stops the runner (scales it to zero). The replication slot is kept, so Postgres"
          + " retains WAL until the sync resumes.")
  private boolean suspend;

  @Default("false")
  @JsonPropertyDescription(
      "true runs the runner in plan mode: it reads the table's statistics and the destination's"
          + " API allocation, reports what the sync will cost in status.plan (and the CALLS/DAY"
          + " column), and creates no slot and writes nothing to the destination.")
  private boolean dryRun;

  @Default("Delete")
  @JsonPropertyDescription(
      "What deleting this resource does to the replication slot and publication: Delete (drop"
          + " them) or Retain (keep them, e.g. to recreate the sync without a new snapshot).")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;
}
