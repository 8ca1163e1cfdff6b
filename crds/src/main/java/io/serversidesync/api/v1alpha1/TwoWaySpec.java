package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Settings of the reverse direction (destination to Postgres). */
@Data
@NoArgsConstructor
public class TwoWaySpec {

  @Default("30s")
  @Pattern(Identifiers.DURATION_PATTERN)
  @JsonPropertyDescription(
      "How often the destination is polled for changed records, e.g. 30s. Each poll costs at"
          + " least one API call.")
  private String pollInterval = "30s";

  @Required
  @Pattern(Identifiers.COLUMN_PATTERN)
  @JsonPropertyDescription(
      "Column that receives the destination's native record id (e.g. salesforce_id). Not the"
          + " upsert key and not a mapped column.")
  private String destinationIdColumn;

  @Default("SourceWins")
  @JsonPropertyDescription(
      "Which side wins when both changed a record since it was last synced: SourceWins,"
          + " DestinationWins or LastWriteWins (Postgres commit time vs SystemModstamp).")
  private ConflictPolicy conflictPolicy = ConflictPolicy.SourceWins;
}
