package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.reverse.decide.RowWrite;
import io.serversidesync.runner.reverse.decide.Skip;
import io.serversidesync.runner.reverse.decide.SkipTally;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch with one statement and, if Postgres refuses a value, writes the records one by one
 * under savepoints so that a refused value fails only its record.
 */
public final class BatchWrites {

  /** One set-based write of some records. */
  @FunctionalInterface
  public interface BatchWriter {
    void write(Connection c, List<RowWrite> batch) throws SQLException;
  }

  private BatchWrites() {}

  /**
   * Writes the batch with one statement; if Postgres refuses a value, writes the records one by one
   * and returns those refused (counted as skipped, with the refusal as the example).
   */
  public static List<RowWrite> writeOrIsolate(
      Connection c, List<RowWrite> batch, BatchWriter writer, SkipTally skips) throws SQLException {
    if (batch.isEmpty()) {
      return List.of();
    }
    Savepoint all = c.setSavepoint();
    try {
      writer.write(c, batch);
      c.releaseSavepoint(all);
      return List.of();
    } catch (SQLException e) {
      if (!OriginSession.isDataError(e)) {
        throw e;
      }
      c.rollback(all);
    }
    List<RowWrite> refused = new ArrayList<>();
    for (RowWrite w : batch) {
      Savepoint one = c.setSavepoint();
      try {
        writer.write(c, List.of(w));
        c.releaseSavepoint(one);
      } catch (SQLException e) {
        if (!OriginSession.isDataError(e)) {
          throw e;
        }
        c.rollback(one);
        refused.add(w);
        skips.count(
            Skip.REJECTED_BY_POSTGRES,
            w.item().record().nativeId() + " (key " + w.item().key() + "): " + e.getMessage());
      }
    }
    return refused;
  }
}
