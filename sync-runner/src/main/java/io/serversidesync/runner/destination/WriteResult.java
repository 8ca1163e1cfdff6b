package io.serversidesync.runner.destination;

import java.util.List;

/**
 * Per-record outcomes of one write, in the order of the records given.
 *
 * @param outcomes one outcome per record, same order as the batch
 */
public record WriteResult(List<RecordOutcome> outcomes) {

  public WriteResult {
    outcomes = List.copyOf(outcomes);
  }
}
