package io.serversidesync.harness.postgres;

import io.serversidesync.harness.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A disposable PostgreSQL cluster started by {@code scripts/pg-up.sh}, the same script developers
 * run by hand, so tests and people exercise one piece of setup logic.
 */
public final class PostgresCluster implements AutoCloseable {

  private final Path repoRoot;
  private final Path envFile;
  private final Map<String, String> settings;
  private final boolean owned;

  private PostgresCluster(
      Path repoRoot, Path envFile, Map<String, String> settings, boolean owned) {
    this.repoRoot = repoRoot;
    this.envFile = envFile;
    this.settings = settings;
    this.owned = owned;
  }

  /**
   * Starts a new cluster. If the environment variable {@code SSS_PG_ENV} names the env file of a
   * running cluster, that one is used instead and left running on close. {@code SSS_PG_MAJOR} (the
   * version matrix) picks the server's major version, else the machine's newest server runs.
   */
  public static PostgresCluster start() {
    Path root = RepoFiles.root();
    String external = System.getenv("SSS_PG_ENV");
    if (external != null && !external.isBlank()) {
      Path file = Path.of(external);
      return new PostgresCluster(root, file, readEnv(file), false);
    }
    String major = System.getenv("SSS_PG_MAJOR");
    return start(major == null || major.isBlank() ? null : major.trim());
  }

  /**
   * Starts a new cluster of that major version (binaries from Maven Central, see
   * scripts/pg-versions.txt), or of the machine's newest server when {@code major} is null.
   */
  public static PostgresCluster start(String major) {
    Path root = RepoFiles.root();
    try {
      Path dir = Files.createTempDirectory("sss-pg-env");
      Path file = dir.resolve("pg.env");
      ProcessBuilder pgUp =
          new ProcessBuilder(root.resolve("scripts/pg-up.sh").toString(), file.toString());
      if (major != null) {
        pgUp.environment().put("PG_MAJOR", major);
      }
      run(pgUp, root, Duration.ofMinutes(10));
      return new PostgresCluster(root, file, readEnv(file), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String host() {
    return settings.get("PGHOST");
  }

  public int port() {
    return Integer.parseInt(settings.get("PGPORT"));
  }

  public String superuser() {
    return settings.get("PGUSER");
  }

  public String password() {
    return settings.get("PGPASSWORD");
  }

  /** The directory holding the server's binaries (initdb, pg_ctl, pg_recvlogical, ...). */
  public Path binDir() {
    return Path.of(settings.get("PG_BINDIR"));
  }

  /** The cluster's data directory (for tests that edit pg_hba.conf or certificates). */
  public Path dataDir() {
    return Path.of(settings.get("PG_CLUSTER_DIR"), "data");
  }

  /** The server's major version (13, 14, …), as the server reports it. */
  public int majorVersion() {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery("SHOW server_version_num")) {
      rs.next();
      return Integer.parseInt(rs.getString(1)) / 10_000;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the server version: " + e.getMessage(), e);
    }
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  /** A new superuser connection to the database. */
  public Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", superuser());
    props.setProperty("password", password());
    return DriverManager.getConnection(jdbcUrl(database), props);
  }

  /** Runs statements as the superuser in the given database. */
  public void execute(String database, String... statements) {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage(), e);
    }
  }

  /** Creates a fresh database and returns a handle to it. */
  public PostgresDatabase createDatabase(String name) {
    execute("postgres", "CREATE DATABASE " + name);
    return new PostgresDatabase(this, name);
  }

  /** Drops a database and every replication slot in it, terminating their consumers first. */
  public void dropDatabase(String name) {
    execute(
        "postgres",
        "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
            + " WHERE database = '"
            + name
            + "' AND active_pid IS NOT NULL",
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE database = '"
            + name
            + "' AND NOT active",
        "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** Restarts the server (fast shutdown): every client connection, walsenders included, drops. */
  public void restart() {
    pgCtl("restart", "-m", "fast", "-w", "-t", "120", "-o", "-p " + port());
  }

  /** Stops the server, e.g. to test "Postgres down". */
  public void stop() {
    pgCtl("stop", "-m", "fast", "-w", "-t", "120");
  }

  /** Starts a stopped server on the same port. */
  public void startAgain() {
    pgCtl(
        "start",
        "-w",
        "-t",
        "120",
        "-l",
        dataDir().resolveSibling("server.log").toString(),
        "-o",
        "-p " + port());
  }

  /** Terminates every walsender, as an admin or a failover would. */
  public int terminateWalSenders() {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement();
        var rs =
            statement.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE backend_type = 'walsender'")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot terminate walsenders: " + e.getMessage(), e);
    }
  }

  private void pgCtl(String... args) {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(binDir().resolve("pg_ctl").toString());
    command.add("-D");
    command.add(dataDir().toString());
    command.addAll(List.of(args));
    run(command, repoRoot, Duration.ofMinutes(3));
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Override
  public void close() {
    if (owned) {
      run(
          List.of(repoRoot.resolve("scripts/pg-down.sh").toString(), envFile.toString()),
          repoRoot,
          Duration.ofMinutes(2));
      try {
        Files.deleteIfExists(envFile.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + envFile.getParent(), e);
      }
    }
  }

  private static Map<String, String> readEnv(Path file) {
    Map<String, String> values = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String trimmed = line.startsWith("export ") ? line.substring(7) : line;
        int eq = trimmed.indexOf('=');
        if (eq > 0) {
          values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Postgres settings from " + file, e);
    }
    for (String key :
        List.of("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PG_BINDIR", "PG_CLUSTER_DIR")) {
      if (!values.containsKey(key)) {
        throw new IllegalStateException(file + " lacks " + key);
      }
    }
    return values;
  }

  private static void run(List<String> command, Path dir, Duration timeout) {
    run(new ProcessBuilder(command), dir, timeout);
  }

  private static void run(ProcessBuilder builder, Path dir, Duration timeout) {
    List<String> command = builder.command();
    try {
      Path log = Files.createTempFile("sss-cmd", ".log");
      Process process =
          builder
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out after " + timeout);
      }
      String output = Files.readString(log);
      Files.deleteIfExists(log);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }
}
