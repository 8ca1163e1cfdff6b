package io.serversidesync.reliability.verify;

import java.util.List;

/**
 * A two-way chaos run checked against what the writer and the destination's user did.
 *
 * @param edits destination edits made (confirmed or not)
 * @param editsWon edits with nothing in Postgres racing them: each must be in Postgres
 * @param editsSuperseded edits Postgres legitimately beat under SourceWins: a change of the key was
 *     pending when the edit was made, or committed after it; the row holds the writer's last value
 * @param supersededOnPurpose of the edits, those the writer followed with a change of the key on
 *     purpose (each must be among the superseded)
 * @param editsRaced edits whose base is not known exactly (a forward write or a Postgres commit
 *     overlapped the edit, or the runner had not yet recorded that the destination held the key's
 *     last change): the row holds the writer's last value or the edit
 * @param racedUnrecorded of the raced edits, those made before the runner recorded that the
 *     destination held the key's last change
 * @param editsLost edits that should be in Postgres and are not
 * @param postgresChangesLost keys whose row is not the writer's last change although no edit
 *     legitimately replaced it (a destination value applied over a newer Postgres change)
 * @param idsMissing rows whose destination-id column is empty or names another record
 * @param examples a few of the problems, for the reader
 */
public record TwoWayVerification(
    int edits,
    int editsWon,
    int editsSuperseded,
    int supersededOnPurpose,
    int editsRaced,
    int racedUnrecorded,
    int editsLost,
    int postgresChangesLost,
    int idsMissing,
    List<String> examples) {

  public boolean passed() {
    return editsLost == 0 && postgresChangesLost == 0 && idsMissing == 0;
  }
}
