package io.serversidesync.demo;

import io.serversidesync.harness.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes like an application: many short transactions of one to a few upserts each, by the
 * customer-managed identifier, from several connections at once. Keys are split between writers so
 * that the last value written for a key is well defined.
 */
final class ContactsWriter {

  private static final String UPSERT =
      "INSERT INTO public.contacts (customer_ref, first_name, last_name, email, phone, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, now())"
          + " ON CONFLICT (customer_ref) DO UPDATE SET first_name = EXCLUDED.first_name,"
          + " last_name = EXCLUDED.last_name, email = EXCLUDED.email, phone = EXCLUDED.phone,"
          + " updated_at = now()";
  private static final String[] FIRST = {
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Linus", "Radia"
  };
  private static final String[] LAST = {
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Torvalds", "Perlman"
  };

  private final PostgresDatabase db;
  private final int changes;
  private final int keys;
  private final int writers;
  private final AtomicLong written = new AtomicLong();

  ContactsWriter(PostgresDatabase db, int changes, int keys, int writers) {
    this.db = db;
    this.changes = changes;
    this.keys = keys;
    this.writers = writers;
  }

  long written() {
    return written.get();
  }

  static String key(int i) {
    return String.format("C-%06d", i);
  }

  /** Writes every change and returns when all are committed. */
  void run() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(pool.submit(() -> write(writer)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Void write(int writer) throws SQLException {
    SplittableRandom random = new SplittableRandom(42 + writer);
    int share = changes / writers + (writer < changes % writers ? 1 : 0);
    // Every key is written at least once (first pass), then updates land on random keys.
    List<Integer> own = new ArrayList<>();
    for (int k = writer; k < keys; k += writers) {
      own.add(k);
    }
    try (Connection connection = db.connect();
        PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      connection.setAutoCommit(false);
      int done = 0;
      while (done < share) {
        int inTransaction = Math.min(1 + random.nextInt(4), share - done);
        for (int i = 0; i < inTransaction; i++, done++) {
          int k = done < own.size() ? own.get(done) : own.get(random.nextInt(own.size()));
          upsert.setString(1, key(k));
          upsert.setString(2, FIRST[random.nextInt(FIRST.length)]);
          upsert.setString(3, LAST[random.nextInt(LAST.length)] + "-" + done);
          upsert.setString(4, "contact" + k + "." + done + "@example.com");
          upsert.setString(5, "+1-555-" + String.format("%04d", random.nextInt(10_000)));
          upsert.executeUpdate();
        }
        connection.commit();
        written.addAndGet(inTransaction);
      }
    }
    return null;
  }
}
