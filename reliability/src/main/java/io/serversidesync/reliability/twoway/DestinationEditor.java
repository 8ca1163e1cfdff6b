package io.serversidesync.reliability.twoway;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.harness.salesforce.SalesforceRest;
import io.serversidesync.reliability.workload.ChangeShapes;
import io.serversidesync.reliability.workload.ChaosTable;
import io.serversidesync.reliability.workload.SourceWriter;
import io.serversidesync.sandbox.Sandbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Salesforce user editing records while the sync runs: once the initial snapshot is delivered, it
 * sets Name__c of distinct records through the destination's REST API (GET by external id, PATCH by
 * Id, GET again), at a steady pace from a few threads (a team of users), straight to the
 * destination (the runner's network outage is not the user's). It retries the storm's faults as a
 * client tool would: a new token after INVALID_SESSION_ID, Retry-After after 429, again after a 5xx
 * or UNABLE_TO_LOCK_ROW. The first few edits of quiet keys are followed by a change of the key in
 * Postgres, so Postgres supersedes some edits in every run, not only when timing makes it so.
 */
public final class DestinationEditor implements AutoCloseable {

  /**
   * What to edit.
   *
   * @param edits edits in total, each on another key
   * @param perSecond pace
   * @param keys keys of the table
   * @param quietKeys the last this-many keys, which the writer never changes
   * @param quietEdits how many of the edits go to quiet keys
   * @param supersededEdits how many of the quiet-key edits (the first ones due) are followed by a
   *     change of the key in Postgres
   * @param seed seed of the key choice
   */
  public record Settings(
      int edits,
      double perSecond,
      int keys,
      int quietKeys,
      int quietEdits,
      int supersededEdits,
      long seed) {}

  /** The application writing the key in Postgres once more, after an edit. */
  @FunctionalInterface
  public interface PostgresChange {
    void writeAgain(String ref);
  }

  private static final List<String> FIELDS = List.of("Id", "Seq__c", "Name__c");
  private static final int ATTEMPTS = 60;
  private static final int USERS = 4;

  private final Sandbox sandbox;
  private final SourceWriter.ConnectionFactory db;
  private final String sync;
  private final Settings settings;
  private final PostgresChange postgresChange;
  private final SalesforceRest salesforce;
  private final List<DestinationEdit> edits = new CopyOnWriteArrayList<>();
  private final AtomicLong gone = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicLong next = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private final Set<String> toSupersede = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  public DestinationEditor(
      Sandbox sandbox,
      SourceWriter.ConnectionFactory db,
      String sync,
      Settings settings,
      PostgresChange postgresChange) {
    this.sandbox = sandbox;
    // the user's client tool: one sign-in shared by the users, again after INVALID_SESSION_ID
    this.salesforce =
        new SalesforceRest(sandbox.baseUrl(), "64.0", sandbox::issueAccessToken).retrying(ATTEMPTS);
    this.db = db;
    this.sync = sync;
    this.settings = settings;
    this.postgresChange = postgresChange;
  }

  /** Starts editing in the background once the snapshot is delivered; returns at once. */
  public void start() {
    List<Integer> keys = keyOrder();
    int quietFrom = settings.keys() - settings.quietKeys() + 1;
    keys.stream()
        .filter(k -> k >= quietFrom)
        .limit(settings.supersededEdits())
        .forEach(k -> toSupersede.add(ChaosTable.ref(k)));
    for (int u = 0; u < USERS; u++) {
      Thread thread = new Thread(() -> run(keys), "destination-editor-" + u);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /**
   * Waits until every edit is made, then stops: so the number of edits does not depend on how long
   * the writer outlasts the snapshot. Gives up waiting a minute after the last edit was due (a user
   * slowed down by the storm) and stops after the edit under way. Rethrows what stopped the editor.
   */
  public void finish() throws InterruptedException {
    long start = startNanos;
    long lastDue =
        (start == 0 ? System.nanoTime() : start)
            + (long) (settings.edits() / settings.perSecond() * 1e9);
    long deadline = lastDue + Duration.ofMinutes(1).toNanos();
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        thread.join(Math.max(1, left / 1_000_000));
      }
    }
    stopping = true;
    for (Thread thread : threads) {
      thread.join();
    }
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("the destination editor failed: " + t.getMessage(), t);
    }
  }

  /** The edits made, by number. */
  public List<DestinationEdit> edits() {
    return edits.stream()
        .sorted(java.util.Comparator.comparingInt(DestinationEdit::number))
        .toList();
  }

  /** Data API calls the editor made (retries included): not the runner's. */
  public long apiCalls() {
    return salesforce.calls();
  }

  /** Edits given up because the writer had deleted the record. */
  public long gone() {
    return gone.get();
  }

  /** One user: the next due edit, until all are made or the editor stops. */
  private void run(List<Integer> keys) {
    Postgres pg = new Postgres();
    try {
      while (!stopping && !snapshotDelivered(pg)) {
        pause(Duration.ofMillis(200));
      }
      long start = started();
      while (!stopping) {
        int i = (int) next.getAndIncrement();
        if (i >= keys.size()) {
          return;
        }
        long due = start + (long) (i / settings.perSecond() * 1e9);
        pause(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
        edit(pg, i + 1, keys.get(i)).ifPresentOrElse(edits::add, gone::incrementAndGet);
      }
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      pg.close();
    }
  }

  private volatile long startNanos;

  /** When the first user began: edits are due from then on. */
  private synchronized long started() {
    if (startNanos == 0) {
      startNanos = System.nanoTime();
    }
    return startNanos;
  }

  /**
   * Distinct keys: {@code quietEdits} of the quiet ones, the rest changed by the writer (never the
   * keys of the {@link ChangeShapes}, whose rows change key).
   */
  private List<Integer> keyOrder() {
    Random random = new Random(settings.seed());
    int quietFrom = settings.keys() - settings.quietKeys() + 1;
    int changing = quietFrom - 1 - ChangeShapes.KEYS;
    List<Integer> quiet = new ArrayList<>();
    for (int k = quietFrom; k <= settings.keys(); k++) {
      quiet.add(k);
    }
    List<Integer> busy = new ArrayList<>();
    for (int k = 1; k <= changing; k++) {
      busy.add(k);
    }
    Collections.shuffle(quiet, random);
    Collections.shuffle(busy, random);
    List<Integer> keys = new ArrayList<>(quiet.subList(0, settings.quietEdits()));
    keys.addAll(busy.subList(0, settings.edits() - settings.quietEdits()));
    Collections.shuffle(keys, random);
    return keys;
  }

  private Optional<DestinationEdit> edit(Postgres pg, int number, int key) {
    String ref = ChaosTable.ref(key);
    String value = "edit-" + number + "-" + ref;
    long startNanos = System.nanoTime();
    long postgresSeq = postgresSeq(pg, ref);
    // before the edit: an acknowledgement recorded later may come after the runner read the edit
    long acknowledgedLsn =
        pg.query(
                "SELECT forward_lsn::text FROM serversidesync.synced_versions WHERE sync = '"
                    + sync.replace("'", "''")
                    + "' AND upsert_key = ?",
                ref)
            .map(SourceWriter::parseLsn)
            .orElse(0L);
    Optional<JsonNode> before = get(ref);
    if (before.isEmpty()) {
      return Optional.empty();
    }
    String id = before.get().path("Id").asText();
    long destinationSeq = before.get().path("Seq__c").asLong();
    if (!salesforce.patch(ChaosTable.OBJECT, id, Map.of("Name__c", value))) {
      return Optional.empty(); // deleted meanwhile
    }
    Optional<JsonNode> after = get(ref);
    boolean confirmed =
        after.isPresent()
            && after.get().path("Id").asText().equals(id)
            && after.get().path("Seq__c").asLong() == destinationSeq
            && value.equals(after.get().path("Name__c").asText());
    long endNanos = System.nanoTime();
    boolean superseded = toSupersede.contains(ref);
    if (superseded) {
      postgresChange.writeAgain(ref); // begins after endNanos: Postgres has the last word
    }
    return Optional.of(
        new DestinationEdit(
            number,
            ref,
            value,
            key > settings.keys() - settings.quietKeys(),
            postgresSeq,
            destinationSeq,
            confirmed,
            acknowledgedLsn,
            startNanos,
            endNanos,
            superseded));
  }

  private Optional<JsonNode> get(String ref) {
    return salesforce.findByExternalId(ChaosTable.OBJECT, ChaosTable.EXTERNAL_ID, ref, FIELDS);
  }

  /** The row's seq now, 0 when there is no row; waits out a Postgres restart. */
  private long postgresSeq(Postgres pg, String ref) {
    Optional<String> seq = pg.query("SELECT seq::text FROM public.chaos WHERE ref = ?", ref);
    return seq.map(Long::parseLong).orElse(0L);
  }

  private boolean snapshotDelivered(Postgres pg) {
    return pg.query(
            "SELECT (snapshot_completed_at IS NOT NULL)::text FROM serversidesync.syncs"
                + " WHERE sync = ?",
            sync)
        .map("true"::equals)
        .orElse(false);
  }

  /** A user's connection to Postgres, opened again after a restart. */
  private final class Postgres {
    private Connection connection;

    Optional<String> query(String sql, String parameter) {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (true) {
        try {
          if (connection == null) {
            connection = db.open();
          }
          try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
          }
        } catch (SQLException e) {
          if ("42P01".equals(e.getSQLState())) {
            return Optional.empty(); // the runner has not created its schema yet
          }
          close();
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Postgres does not answer: " + e.getMessage(), e);
          }
          pause(Duration.ofMillis(200)); // Postgres is restarting
        }
      }
    }

    void close() {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          // already broken; a new one is opened
        }
        connection = null;
      }
    }
  }

  private static void pause(Duration d) {
    try {
      TimeUnit.NANOSECONDS.sleep(d.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops the editor if it still runs (the run ended early). */
  @Override
  public void close() {
    stopping = true;
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofMinutes(1).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
