package io.serversidesync.sandbox.write;

import java.util.List;

/** What a single-record upsert or delete by external id came to. */
public sealed interface SingleUpsertOutcome {
  /** Written (or failed with a record error). */
  record Done(SaveResult result) implements SingleUpsertOutcome {}

  /** The external id matched several records: Salesforce answers 300 with their URLs. */
  record MultipleMatches(List<String> ids) implements SingleUpsertOutcome {}

  /** No record matched (delete, or upsert with updateOnly). */
  record NoMatch() implements SingleUpsertOutcome {}
}
