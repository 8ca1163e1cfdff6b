package io.serversidesync.reliability.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An application writing to the chaos table: first one insert per key (the initial snapshot's
 * rows), then upserts and a few deletes of random keys in small transactions from several
 * connections, paced to a rate with periodic unpaced bursts (an application's batch job). A
 * transaction that fails because Postgres went away is retried with the same statements once a
 * connection is back, so exactly {@code changes} changes commit.
 */
public final class SourceWriter {

  /**
   * What to write.
   *
   * @param keys distinct keys
   * @param changes changes in total, the initial inserts included
   * @param threads concurrent connections
   * @param changesPerSecond pace after the initial load, between bursts
   * @param burstEvery paced changes between two bursts
   * @param burstSize changes of a burst (an application's batch job), written unpaced; 0: none
   * @param deleteShare fraction of changes that delete the key's row
   * @param maxTransactionSize changes per transaction, 1 to this
   * @param seed seed of the key and operation choice
   * @param quietKeys the last this-many keys are inserted once and never changed again (the keys a
   *     two-way run edits in the destination without a Postgres change racing the edit)
   * @param shapes whether {@link ChangeShapes} are written halfway through, on keys below the quiet
   *     ones that the paced writers leave alone
   */
  public record Settings(
      int keys,
      int changes,
      int threads,
      double changesPerSecond,
      int burstEvery,
      int burstSize,
      double deleteShare,
      int maxTransactionSize,
      long seed,
      int quietKeys,
      boolean shapes) {

    /** Keys the paced writers change: the first ones, below the shapes' and the quiet keys. */
    int pacedKeys() {
      return keys - quietKeys - (shapes ? ChangeShapes.KEYS : 0);
    }
  }

  /** Opens a connection to the database. */
  @FunctionalInterface
  public interface ConnectionFactory {
    Connection open() throws SQLException;
  }

  private static final String UPSERT =
      "INSERT INTO public.chaos (ref, seq, name, amount, active, due, touched, note)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ref) DO UPDATE SET seq = EXCLUDED.seq,"
          + " name = EXCLUDED.name, amount = EXCLUDED.amount, active = EXCLUDED.active,"
          + " due = EXCLUDED.due, touched = EXCLUDED.touched, note = EXCLUDED.note";
  private static final String DELETE = "DELETE FROM public.chaos WHERE ref = ?";

  private final ConnectionFactory db;
  private final Settings settings;
  private final CommitLsns lsns;
  private final KeyLedger ledger = new KeyLedger();
  private final AtomicLong nextSeq;
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile long startNanos;

  public SourceWriter(ConnectionFactory db, Settings settings) {
    this.db = db;
    this.settings = settings;
    this.lsns =
        new CommitLsns(
            settings.changes() + settings.keys() + 1 + (settings.shapes() ? ChangeShapes.SEQS : 0));
    this.nextSeq = new AtomicLong(settings.keys() + 1L);
  }

  public CommitLsns lsns() {
    return lsns;
  }

  /** Per key, the writer's last change and when it was written. */
  public KeyLedger ledger() {
    return ledger;
  }

  /** Inserts every key once (seq = the key's number); these rows are the initial snapshot. */
  public void initialLoad() throws SQLException {
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
        for (int i = 1; i <= settings.keys(); i++) {
          bind(upsert, ChaosTable.ref(i), RowValues.of(i));
          ledger.initial(ChaosTable.ref(i), i);
          upsert.addBatch();
          if (i % 1000 == 0 || i == settings.keys()) {
            upsert.executeBatch();
            c.commit();
          }
        }
      }
    }
    committed.set(settings.keys());
  }

  /** Starts the paced writers; returns at once. */
  public void start() {
    startNanos = System.nanoTime();
    for (int t = 0; t < settings.threads(); t++) {
      SplittableRandom random = new SplittableRandom(settings.seed() * 31 + t);
      Thread thread = new Thread(() -> write(random), "writer-" + t);
      thread.setDaemon(true);
      workers.add(thread);
      thread.start();
    }
    if (settings.shapes()) {
      ChangeShapes shapes =
          new ChangeShapes(
              db, ledger, lsns, settings.pacedKeys() + 1, nextSeq.getAndAdd(ChangeShapes.SEQS));
      Thread thread = new Thread(() -> writeShapesHalfway(shapes), "writer-shapes");
      thread.setDaemon(true);
      workers.add(thread);
      thread.start();
    }
  }

  /** Writes the change shapes once the paced writers are halfway through. */
  private void writeShapesHalfway(ChangeShapes shapes) {
    long halfway = settings.keys() + (settings.changes() - settings.keys()) / 2;
    try {
      while (committed.get() < halfway && workers.stream().anyMatch(this::pacedAlive)) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      shapes.write();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private boolean pacedAlive(Thread worker) {
    return worker.isAlive() && !worker.getName().equals("writer-shapes");
  }

  /** Changes committed so far (the initial load included). */
  public long committed() {
    return committed.get();
  }

  /** Transactions that had to be run again after Postgres went away. */
  public long retries() {
    return retries.get();
  }

  public boolean finished() {
    return workers.stream().noneMatch(Thread::isAlive);
  }

  /** Waits for the writers to finish; rethrows what stopped one. */
  public void awaitFinished() throws InterruptedException {
    for (Thread t : workers) {
      t.join();
    }
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("the writer failed: " + t.getMessage(), t);
    }
  }

  private void write(SplittableRandom random) {
    long paced = settings.changes() - settings.keys();
    Connection c = null;
    try {
      while (true) {
        int size = random.nextInt(1, settings.maxTransactionSize() + 1);
        long first = issued.getAndAdd(size);
        if (first >= paced) {
          return;
        }
        size = (int) Math.min(size, paced - first);
        pace(first);
        List<Change> changes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          int key = random.nextInt(1, settings.pacedKeys() + 1);
          boolean delete = random.nextDouble() < settings.deleteShare();
          changes.add(new Change(ChaosTable.ref(key), delete ? 0 : nextSeq.getAndIncrement()));
        }
        // one lock order for every transaction: concurrent writers never deadlock
        changes.sort(Comparator.comparing(Change::ref));
        c = commitUntilDone(c, changes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      closeQuietly(c);
    }
  }

  /**
   * Commits {@code changes} in one transaction and records them in the ledger; after a failure
   * (Postgres went away) it runs them again on a new connection until they commit.
   *
   * @return the connection to go on with (a new one after a failure)
   */
  private Connection commitUntilDone(Connection c, List<Change> changes)
      throws InterruptedException {
    long startNanos = System.nanoTime();
    boolean retried = false;
    while (true) {
      try {
        if (c == null) {
          c = db.open();
          c.setAutoCommit(false);
        }
        Committed done = commit(c, changes, retried);
        long endNanos = System.nanoTime();
        for (int i = 0; i < changes.size(); i++) {
          if (done.effective()[i]) {
            Change change = changes.get(i);
            ledger.committed(change.ref(), change.seq(), done.lsn(), startNanos, endNanos);
          }
        }
        committed.addAndGet(changes.size());
        return c;
      } catch (SQLException e) {
        retries.incrementAndGet();
        retried = true;
        closeQuietly(c);
        c = null;
        TimeUnit.MILLISECONDS.sleep(200); // Postgres is restarting: try again shortly
      }
    }
  }

  /**
   * Upserts {@code ref} once more with a new sequence number, in a transaction of its own, beside
   * the paced writers: the application's last word on a key a destination user has just edited.
   * Returns once it committed; the key counts as changed from then on.
   */
  public void writeAgain(String ref) {
    try {
      closeQuietly(commitUntilDone(null, List.of(new Change(ref, nextSeq.getAndIncrement()))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + ref + " again", e);
    }
  }

  /** Waits until change {@code first} is due: bursts take no time, the rest is paced. */
  private void pace(long first) throws InterruptedException {
    long cycle = (long) settings.burstEvery() + settings.burstSize();
    long paced =
        first / cycle * settings.burstEvery() + Math.max(0, first % cycle - settings.burstSize());
    long due = startNanos + (long) (paced / settings.changesPerSecond() * 1e9);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /**
   * Runs one transaction. A delete that found no row had no effect; on a retry it counts as
   * effective, since the first attempt may have committed before Postgres went away.
   */
  private Committed commit(Connection c, List<Change> changes, boolean retried)
      throws SQLException {
    boolean[] effective = new boolean[changes.size()];
    try (PreparedStatement upsert = c.prepareStatement(UPSERT);
        PreparedStatement delete = c.prepareStatement(DELETE)) {
      for (int i = 0; i < changes.size(); i++) {
        Change change = changes.get(i);
        effective[i] = true;
        if (change.seq() == 0) {
          delete.setString(1, change.ref());
          effective[i] = delete.executeUpdate() == 1 || retried;
        } else {
          bind(upsert, change.ref(), RowValues.of(change.seq()));
          upsert.executeUpdate();
        }
      }
      long before;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
        rs.next();
        before = parseLsn(rs.getString(1));
      }
      for (Change change : changes) {
        if (change.seq() != 0) {
          lsns.record(change.seq(), before);
        }
      }
      c.commit();
      return new Committed(before, effective);
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  private static void bind(PreparedStatement s, String ref, RowValues v) throws SQLException {
    s.setString(1, ref);
    s.setLong(2, v.seq());
    s.setString(3, v.name());
    s.setBigDecimal(4, v.amount());
    s.setBoolean(5, v.active());
    s.setObject(6, v.due());
    s.setObject(7, v.touched().atOffset(ZoneOffset.UTC));
    s.setString(8, v.note());
  }

  /** Parses a text LSN such as 0/16B3748. */
  public static long parseLsn(String text) {
    int slash = text.indexOf('/');
    return (Long.parseLong(text.substring(0, slash), 16) << 32)
        | Long.parseLong(text.substring(slash + 1), 16);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // the connection is already broken; a new one is opened
      }
    }
  }

  private record Change(String ref, long seq) {}

  private record Committed(long lsn, boolean[] effective) {}
}
