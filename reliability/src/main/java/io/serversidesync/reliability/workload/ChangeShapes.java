package io.serversidesync.reliability.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The change shapes a key-by-key comparison once found delivered wrong, written once halfway
 * through a chaos run beside the paced writers: a key change of a row whose note is stored out of
 * line (the WAL carries it as unchanged), keys changed only in letter case (one record each to a
 * case-insensitive External ID), and one transaction that inserts rows and rewrites them three
 * times. Their keys are reserved: the paced writers never touch them. Each step is idempotent, so a
 * step cut short by a Postgres restart is run again until it commits.
 */
public final class ChangeShapes {

  /**
   * Keys reserved at the top of the paced range: one moved, three re-cased, one spare. Nothing else
   * touches them (the two-way editor leaves them alone too).
   */
  public static final int KEYS = 5;

  /** Rows of the large transaction. */
  static final int BIG_ROWS = 2_000;

  /** Sequence numbers the large transaction takes (insert and three rewrites). */
  static final int SEQS = BIG_ROWS * 4;

  private final SourceWriter.ConnectionFactory db;
  private final KeyLedger ledger;
  private final CommitLsns lsns;
  private final int firstKey;
  private final long firstSeq;

  /**
   * @param firstKey the first reserved key's number
   * @param firstSeq the first of {@link #SEQS} sequence numbers reserved for the large transaction
   */
  ChangeShapes(
      SourceWriter.ConnectionFactory db,
      KeyLedger ledger,
      CommitLsns lsns,
      int firstKey,
      long firstSeq) {
    this.db = db;
    this.ledger = ledger;
    this.lsns = lsns;
    this.firstKey = firstKey;
    this.firstSeq = firstSeq;
  }

  /** The number of changes the shapes commit (for the run's totals). */
  static int changes() {
    return 1 + 1 + 3 + BIG_ROWS * 4;
  }

  void write() throws InterruptedException {
    String moved = ChaosTable.ref(firstKey);
    String note = longNote(firstKey);
    step(c -> update(c, "UPDATE public.chaos SET note = ? WHERE ref = ?", note, moved));
    renamed(
        moved,
        step(c -> update(c, "UPDATE public.chaos SET ref = ref || '-MOVED' WHERE ref = ?", moved)));
    List<String> recased =
        List.of(
            ChaosTable.ref(firstKey + 1),
            ChaosTable.ref(firstKey + 2),
            ChaosTable.ref(firstKey + 3));
    long lsn =
        step(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "UPDATE public.chaos SET ref = lower(ref) WHERE ref = ANY (?)")) {
                s.setArray(1, c.createArrayOf("text", recased.toArray()));
                s.executeUpdate();
              }
              return lsnBeforeCommit(c);
            });
    recased.forEach(ref -> renamed(ref, lsn));
    long bigLsn = step(this::bigTransaction);
    for (long seq = firstSeq; seq < firstSeq + SEQS; seq++) {
      lsns.record(seq, bigLsn);
    }
  }

  /** Inserts {@link #BIG_ROWS} rows and rewrites each of them three times, in one transaction. */
  private long bigTransaction(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (int round = 0; round < 4; round++) {
        long base = firstSeq + (long) round * BIG_ROWS;
        String values =
            "SELECT 'BIG' || lpad(i::text, 6, '0'), "
                + base
                + " + i - 1, 'big ' || i || ' round "
                + round
                + "', (i % 1000) + 0.25 * "
                + round
                + ", i % 2 = "
                + (round % 2)
                + ", date '2026-01-01' + i, timestamptz '2026-01-01 00:00:00+00' + (i + "
                + round
                + ") * interval '1 second', NULL FROM generate_series(1, "
                + BIG_ROWS
                + ") i";
        s.execute(
            "INSERT INTO public.chaos (ref, seq, name, amount, active, due, touched, note) "
                + values
                + " ON CONFLICT (ref) DO UPDATE SET seq = EXCLUDED.seq, name = EXCLUDED.name,"
                + " amount = EXCLUDED.amount, active = EXCLUDED.active, due = EXCLUDED.due,"
                + " touched = EXCLUDED.touched, note = EXCLUDED.note");
      }
    }
    return lsnBeforeCommit(c);
  }

  /** The row under {@code ref} is gone (its key changed): for the ledger, a delete. */
  private void renamed(String ref, long lsn) {
    long now = System.nanoTime();
    ledger.committed(ref, 0, lsn, now, now);
  }

  private static long update(Connection c, String sql, String... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      s.executeUpdate();
    }
    return lsnBeforeCommit(c);
  }

  private static long lsnBeforeCommit(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
      rs.next();
      return SourceWriter.parseLsn(rs.getString(1));
    }
  }

  /** 20,000 letters and digits: too many to compress below the TOAST threshold. */
  private static String longNote(int key) {
    SplittableRandom random = new SplittableRandom(key);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder note = new StringBuilder(20_000);
    for (int i = 0; i < 20_000; i++) {
      note.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return note.toString();
  }

  /** One transaction's statements. */
  @FunctionalInterface
  private interface Step {
    long run(Connection c) throws SQLException;
  }

  /** Runs a step in a transaction until it commits; returns the LSN read before its commit. */
  private long step(Step step) throws InterruptedException {
    while (true) {
      try (Connection c = db.open()) {
        c.setAutoCommit(false);
        long lsn = step.run(c);
        c.commit();
        return lsn;
      } catch (SQLException e) {
        TimeUnit.MILLISECONDS.sleep(200); // Postgres is restarting: try again shortly
      }
    }
  }
}
