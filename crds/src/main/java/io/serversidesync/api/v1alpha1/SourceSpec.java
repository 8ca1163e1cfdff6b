package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The captured table and how to reach it. */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceSpec {

  @Required
  @JsonPropertyDescription("Connection to the Postgres database that holds the table.")
  private PostgresConnection postgres;

  @Required
  @Size(min = 1, max = 127)
  @Pattern(Identifiers.TABLE_PATTERN)
  @JsonPropertyDescription(
      "The table to capture, as schema.table or table (schema public). Unquoted lower-case"
          + " identifiers, as Postgres folds them.")
  private String table;

  @Required
  @Size(min = 1, max = 63)
  @Pattern(Identifiers.COLUMN_PATTERN)
  @JsonPropertyDescription(
      "The customer-managed unique identifier column (needs a unique index). Rows are upserted"
          + " into the destination by this value; it must be mapped to"
          + " spec.destination.externalIdField.")
  private String upsertKey;

  @Size(max = 4096)
  @JsonPropertyDescription(
      "Optional publication row filter: one SQL boolean expression over the table's columns,"
          + " e.g. region = 'EU' (no ';', comments or unbalanced parentheses); only matching rows"
          + " are synced. Snapshots and replays read the filter the publication holds.")
  private String filter;

  @Default("LogicalReplication")
  @JsonPropertyDescription(
      "How changes are captured. LogicalReplication (default) reads the WAL through a publication"
          + " and a replication slot, which needs wal_level=logical and a role allowed to"
          + " replicate. Triggers installs statement triggers that record each changed key in a"
          + " change table of the serversidesync schema, for databases where no role may create a"
          + " replication slot (Heroku Postgres, restricted managed plans); it adds work to every"
          + " write of the table. See docs/runner.md, \"Capture with triggers\".")
  private CaptureMethod capture = CaptureMethod.LogicalReplication;
}
