package io.serversidesync.harness.workload;

import io.serversidesync.harness.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Application-like writers on {@link ContactsTable}: upserts by the customer-managed identifier
 * from several connections. Keys are split between connections, so the changes of one key are
 * committed in the order they were made. The demo and the benchmarks write through here.
 */
public final class ContactsLoad {

  private static final String UPSERT =
      "INSERT INTO public.contacts (customer_ref, first_name, last_name, email, phone,"
          + " account_ref, title, updated_at) VALUES (?, ?, ?, ?, ?, ?, %s, now())"
          + " ON CONFLICT (customer_ref) DO UPDATE SET first_name = EXCLUDED.first_name,"
          + " last_name = EXCLUDED.last_name, email = EXCLUDED.email, phone = EXCLUDED.phone,"
          + " account_ref = EXCLUDED.account_ref, title = EXCLUDED.title, updated_at = now()";
  private static final String[] FIRST = {
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Linus", "Radia"
  };
  private static final String[] LAST = {
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Torvalds", "Perlman"
  };

  private final PostgresDatabase db;
  private final int keys;
  private final int connections;
  private final int accounts;

  /** Writers that leave account_ref NULL (contacts without an account). */
  public ContactsLoad(PostgresDatabase db, int keys, int connections) {
    this(db, keys, connections, 0);
  }

  /**
   * @param accounts how many accounts of {@link AccountsTable} the contacts belong to: contact k
   *     names account k mod accounts by its account_ref; 0 leaves account_ref NULL
   */
  public ContactsLoad(PostgresDatabase db, int keys, int connections, int accounts) {
    this.db = db;
    this.keys = keys;
    this.connections = connections;
    this.accounts = accounts;
  }

  /** The account_ref contact {@code k} names, or null without accounts. */
  public String accountOf(int k) {
    return accounts == 0 ? null : AccountsTable.key(k % accounts);
  }

  public static String key(int i) {
    return String.format("C-%06d", i);
  }

  /**
   * As fast as the connections go: {@code changes} upserts in transactions of one to four, every
   * key written at least once, the rest on random keys (the demo's writer).
   */
  public void burst(int changes) throws Exception {
    onEachConnection(
        c -> {
          SplittableRandom random = new SplittableRandom(42 + c);
          int share = changes / connections + (c < changes % connections ? 1 : 0);
          List<Integer> own = ownKeys(c);
          try (Connection connection = db.connect();
              PreparedStatement upsert = connection.prepareStatement(UPSERT.formatted("NULL"))) {
            connection.setAutoCommit(false);
            int done = 0;
            while (done < share) {
              int inTransaction = Math.min(1 + random.nextInt(4), share - done);
              for (int i = 0; i < inTransaction; i++, done++) {
                int k = done < own.size() ? own.get(done) : own.get(random.nextInt(own.size()));
                bind(upsert, random, k, done);
                upsert.executeUpdate();
              }
              connection.commit();
            }
          }
          return List.<Void>of();
        });
  }

  /**
   * One upsert per transaction at {@code perSecond} in total, on random keys, for {@code warmUp} +
   * {@code measured} seconds. Each change stores its transaction id in {@code title}, so the
   * version a destination acknowledges can be matched to the changes it covers. Returns the changes
   * of the measured part (in commit order per key) and the rate achieved in that part.
   */
  public PacedRun paced(int perSecond, int warmUpSeconds, int measuredSeconds) throws Exception {
    long intervalNanos = 1_000_000_000L * connections / perSecond;
    long start = System.nanoTime() + 100_000_000L;
    long measureFrom = start + warmUpSeconds * 1_000_000_000L;
    long end = measureFrom + measuredSeconds * 1_000_000_000L;
    List<Change> changes =
        onEachConnection(
            c -> {
              SplittableRandom random = new SplittableRandom(7 + c);
              List<Integer> own = ownKeys(c);
              List<Change> measured = new ArrayList<>();
              try (Connection connection = db.connect();
                  PreparedStatement upsert =
                      connection.prepareStatement(
                          UPSERT.formatted("pg_current_xact_id()::text") + " RETURNING title")) {
                long due = start + intervalNanos * c / connections;
                for (int n = 0; due < end; n++, due += intervalNanos) {
                  long wait = due - System.nanoTime();
                  if (wait > 0) {
                    // pacing a load generator, not waiting for a condition
                    LockSupport.parkNanos(wait);
                  }
                  int k = own.get(random.nextInt(own.size()));
                  bind(upsert, random, k, n);
                  try (ResultSet rs = upsert.executeQuery()) {
                    rs.next();
                    if (due >= measureFrom) {
                      measured.add(new Change(key(k), Long.parseLong(rs.getString(1))));
                    }
                  }
                }
              }
              return measured;
            });
    double seconds = Math.max(measuredSeconds, (System.nanoTime() - measureFrom) / 1e9);
    return new PacedRun(changes, changes.size() / seconds);
  }

  /**
   * Autocommit writers for {@code duration}: each statement upserts {@code rowsPerStatement}
   * distinct random keys of its connection's own (one multi-row {@code INSERT … ON CONFLICT DO
   * UPDATE}; 1 is the application's single-row upsert). Returns the rows written.
   */
  public long autocommit(Duration duration, int rowsPerStatement) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    String upsert = multiRowUpsert(rowsPerStatement);
    List<Long> perConnection =
        onEachConnection(
            c -> {
              SplittableRandom random = new SplittableRandom(1_000 + c + System.nanoTime());
              List<Integer> own = ownKeys(c);
              int[] keysOfStatement = new int[rowsPerStatement];
              long rows = 0;
              try (Connection connection = db.connect();
                  PreparedStatement statement = connection.prepareStatement(upsert)) {
                for (int n = 0; System.nanoTime() < end; n++) {
                  distinctKeys(random, own, keysOfStatement);
                  for (int i = 0; i < rowsPerStatement; i++) {
                    bind(statement, 6 * i, random, keysOfStatement[i], n);
                  }
                  rows += statement.executeUpdate();
                }
              }
              return List.of(rows);
            });
    return perConnection.stream().mapToLong(Long::longValue).sum();
  }

  private static String multiRowUpsert(int rows) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      values.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, NULL, now())");
    }
    return UPSERT.replace("(?, ?, ?, ?, ?, ?, %s, now())", values.toString());
  }

  /** Fills {@code into} with distinct keys of {@code own}, in ascending order. */
  private static void distinctKeys(SplittableRandom random, List<Integer> own, int[] into) {
    Set<Integer> picked = new TreeSet<>();
    while (picked.size() < into.length) {
      picked.add(own.get(random.nextInt(own.size())));
    }
    int i = 0;
    for (int k : picked) {
      into[i++] = k;
    }
  }

  private List<Integer> ownKeys(int connection) {
    List<Integer> own = new ArrayList<>();
    for (int k = connection; k < keys; k += connections) {
      own.add(k);
    }
    return own;
  }

  private void bind(PreparedStatement upsert, SplittableRandom random, int k, int n)
      throws SQLException {
    bind(upsert, 0, random, k, n);
  }

  /** Binds one row's six parameters, after {@code offset} parameters of earlier rows. */
  private void bind(PreparedStatement upsert, int offset, SplittableRandom random, int k, int n)
      throws SQLException {
    upsert.setString(offset + 1, key(k));
    upsert.setString(offset + 2, FIRST[random.nextInt(FIRST.length)]);
    upsert.setString(offset + 3, LAST[random.nextInt(LAST.length)] + "-" + n);
    upsert.setString(offset + 4, "contact" + k + "." + n + "@example.com");
    upsert.setString(offset + 5, "+1-555-" + String.format("%04d", random.nextInt(10_000)));
    upsert.setString(offset + 6, accountOf(k));
  }

  private <T> List<T> onEachConnection(Writer<T> writer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      List<Future<List<T>>> futures = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        int connection = c;
        futures.add(pool.submit(() -> writer.write(connection)));
      }
      List<T> all = new ArrayList<>();
      for (Future<List<T>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * @param changes the measured changes
   * @param achievedPerSecond measured changes ÷ the time from the measured part's start to the last
   *     commit (lower than asked when the writer fell behind)
   */
  public record PacedRun(List<Change> changes, double achievedPerSecond) {}

  /** One committed change: the key and the id of the transaction that made it. */
  public record Change(String key, long xid) {}

  private interface Writer<T> {
    List<T> write(int connection) throws Exception;
  }
}
