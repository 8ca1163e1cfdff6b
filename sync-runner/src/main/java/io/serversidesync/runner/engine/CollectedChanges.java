package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.SnapshotColumns;
import io.serversidesync.runner.capture.TupleView;
import io.serversidesync.runner.capture.triggers.RecordedChanges;
import io.serversidesync.runner.coalesce.ChangeCollector;

/** Hands what the change table's reader read to the collector, as full row images or deletes. */
final class CollectedChanges implements RecordedChanges {

  private final ChangeCollector collector;
  private final SnapshotColumns columns;
  private long lastWrittenMicros;

  CollectedChanges(ChangeCollector collector, SnapshotColumns columns) {
    this.collector = collector;
    this.columns = columns;
  }

  @Override
  public void row(TupleView row, long position, long writtenMicros) {
    collector.recordedRow(row, columns.columns(), columns.types(), position, writtenMicros);
    lastWrittenMicros = Math.max(lastWrittenMicros, writtenMicros);
  }

  @Override
  public void gone(String key, long position, long writtenMicros) {
    collector.recordedGone(key, position, writtenMicros);
    lastWrittenMicros = Math.max(lastWrittenMicros, writtenMicros);
  }

  /** When the newest change read so far was written (Postgres epoch µs; 0: none yet). */
  long lastWrittenMicros() {
    return lastWrittenMicros;
  }
}
