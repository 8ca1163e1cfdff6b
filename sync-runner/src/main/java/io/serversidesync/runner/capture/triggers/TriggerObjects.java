package io.serversidesync.runner.capture.triggers;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.Sql;
import io.serversidesync.runner.pg.WriterSetting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database objects of trigger capture, all named after the sync (sss_&lt;sync&gt;): the change
 * table {@code serversidesync.sss_<sync>_changes}, the function {@code
 * serversidesync.sss_<sync>_capture()} and three statement triggers on the synced table that call
 * it. This class writes their DDL (the runner runs it, or a DBA runs the script it prints), finds
 * out whether they are installed as the spec needs, and drops them.
 *
 * <p>The triggers are statement triggers over transition tables: one INSERT into the change table
 * per statement, not one per row. They record only keys (as text) and where the write happened; the
 * runner reads the rows themselves when it reads the keys, so a change table never holds a value
 * that was later overwritten. The function is SECURITY DEFINER, so the application's roles need no
 * privilege on the change table.
 */
public final class TriggerObjects {

  private static final String SCHEMA = "serversidesync";
  private static final String BODY_TAG = "$sss_capture$";
  private static final int MAX_NAME = 63;

  private final SyncSettings settings;

  public TriggerObjects(SyncSettings settings) {
    this.settings = settings;
  }

  /** The change table's unquoted name (in the serversidesync schema). */
  public String changeTableName() {
    return objectName("_changes");
  }

  /**
   * sss_&lt;sync&gt; and a suffix, within Postgres's 63 bytes: a longer name would be cut short by
   * Postgres when created and not found again by its full name, so it is shortened here, with a
   * hash of the whole name that keeps two long names apart.
   */
  String objectName(String suffix) {
    String base = settings.replicationName();
    if (base.length() + suffix.length() <= MAX_NAME) {
      return base + suffix;
    }
    String hash = String.format("%08x", base.hashCode());
    return base.substring(0, MAX_NAME - suffix.length() - hash.length() - 1) + "_" + hash + suffix;
  }

  /** The change table, quoted and schema-qualified. */
  public String changeTable() {
    return Sql.qualified(SCHEMA, changeTableName());
  }

  /** The capture function's unquoted name (in the serversidesync schema). */
  public String functionName() {
    return objectName("_capture");
  }

  private String function() {
    return Sql.qualified(SCHEMA, functionName());
  }

  private String table() {
    return Sql.qualified(settings.schema(), settings.table());
  }

  /** The trigger names, one per event, in the order INSERT, UPDATE, DELETE. */
  List<String> triggerNames() {
    return List.of(objectName("_insert"), objectName("_update"), objectName("_delete"));
  }

  /**
   * The statements that install everything (idempotent: a second run replaces the function and the
   * triggers and keeps the change table and what it holds).
   */
  public List<String> installStatements() {
    List<String> names = triggerNames();
    return List.of(
        "CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
        "CREATE TABLE IF NOT EXISTS "
            + changeTable()
            + " (xid xid8 NOT NULL DEFAULT pg_current_xact_id(),"
            + " id bigint GENERATED ALWAYS AS IDENTITY,"
            + " key text,"
            + " lsn pg_lsn NOT NULL,"
            + " written_at timestamptz NOT NULL,"
            + " PRIMARY KEY (xid, id))",
        "CREATE OR REPLACE FUNCTION "
            + function()
            + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
            + " SET search_path = pg_catalog, pg_temp AS "
            + BODY_TAG
            + functionBody()
            + BODY_TAG,
        "DROP TRIGGER IF EXISTS " + Sql.ident(names.get(0)) + " ON " + table(),
        "DROP TRIGGER IF EXISTS " + Sql.ident(names.get(1)) + " ON " + table(),
        "DROP TRIGGER IF EXISTS " + Sql.ident(names.get(2)) + " ON " + table(),
        "CREATE TRIGGER "
            + Sql.ident(names.get(0))
            + " AFTER INSERT ON "
            + table()
            + " REFERENCING NEW TABLE AS sss_new FOR EACH STATEMENT EXECUTE FUNCTION "
            + function()
            + "()",
        "CREATE TRIGGER "
            + Sql.ident(names.get(1))
            + " AFTER UPDATE ON "
            + table()
            + " REFERENCING OLD TABLE AS sss_old NEW TABLE AS sss_new FOR EACH STATEMENT"
            + " EXECUTE FUNCTION "
            + function()
            + "()",
        "CREATE TRIGGER "
            + Sql.ident(names.get(2))
            + " AFTER DELETE ON "
            + table()
            + " REFERENCING OLD TABLE AS sss_old FOR EACH STATEMENT EXECUTE FUNCTION "
            + function()
            + "()");
  }

  /**
   * The function's body. Each statement's keys get one position: the WAL insert position at the end
   * of the statement, which orders the write after every write it waited for (a row lock) and
   * before every write that waits for it; two-way sync compares it with its own writes' positions.
   * Keys of rows the row filter excludes before and after are not recorded, as a publication would
   * not publish them.
   */
  String functionBody() {
    String key = Sql.ident(settings.upsertKey()) + "::text";
    String filter = settings.filter() == null ? "" : " WHERE (" + settings.filter() + ")";
    String insert = "INSERT INTO " + changeTable() + " (key, lsn, written_at) SELECT k, p, w FROM";
    return "\nDECLARE\n  p pg_lsn;\n  w timestamptz;\nBEGIN\n"
        + "  IF current_setting('"
        + WriterSetting.NAME
        + "', true) = "
        + Sql.literal(settings.replicationName())
        + " THEN\n    RETURN NULL;\n  END IF;\n"
        + "  p := pg_current_wal_insert_lsn();\n"
        + "  w := clock_timestamp();\n"
        + "  IF TG_OP = 'INSERT' THEN\n    "
        + insert
        + " (SELECT "
        + key
        + " AS k FROM sss_new"
        + filter
        + ") c;\n"
        + "  ELSIF TG_OP = 'UPDATE' THEN\n    "
        + insert
        + " (SELECT "
        + key
        + " AS k FROM sss_new"
        + filter
        + " UNION SELECT "
        + key
        + " FROM sss_old"
        + filter
        + ") c;\n"
        + "  ELSE\n    "
        + insert
        + " (SELECT "
        + key
        + " AS k FROM sss_old"
        + filter
        + ") c;\n"
        + "  END IF;\n  RETURN NULL;\nEND\n";
  }

  /** What is installed, as the catalog says. */
  public Installed installed(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT to_regclass(?) IS NOT NULL,"
                + " (SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = ? AND p.proname = ? AND p.pronargs = 0),"
                + " (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = to_regclass(?)"
                + " AND t.tgname = ANY (?) AND t.tgenabled <> 'D' AND NOT t.tgisinternal"
                + " AND t.tgfoid = to_regprocedure(? || '()'))")) {
      s.setString(1, changeTable());
      s.setString(2, SCHEMA);
      s.setString(3, functionName());
      s.setString(4, table());
      s.setArray(5, c.createArrayOf("text", triggerNames().toArray()));
      s.setString(6, function());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        String body = rs.getString(2);
        return new Installed(
            rs.getBoolean(1),
            body != null,
            functionBody().equals(body),
            rs.getInt(3) == triggerNames().size());
      }
    }
  }

  /** Installs everything in one transaction (a concurrent writer waits for the triggers). */
  public void install(Connection c) throws SQLException {
    inOneTransaction(c, installStatements());
  }

  /** Runs the statements in one transaction; the connection's auto-commit is restored after. */
  private static void inOneTransaction(Connection c, List<String> statements) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * Drops the triggers, the function and the change table (cleanup), each only if it exists.
   *
   * @return whether anything was dropped
   */
  public boolean drop(Connection c) throws SQLException {
    Installed before = installed(c);
    if (!before.any()) {
      return false;
    }
    List<String> drops = new ArrayList<>();
    if (tableExists(c)) {
      for (String trigger : triggerNames()) {
        drops.add("DROP TRIGGER IF EXISTS " + Sql.ident(trigger) + " ON " + table());
      }
    }
    drops.add("DROP FUNCTION IF EXISTS " + function() + "()");
    drops.add("DROP TABLE IF EXISTS " + changeTable());
    inOneTransaction(c, drops);
    return true;
  }

  private boolean tableExists(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setString(1, table());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * The trigger objects found.
   *
   * @param changeTable the change table exists
   * @param function the capture function exists
   * @param functionCurrent its body is the one this spec needs (key column and row filter)
   * @param triggers all three triggers exist, are enabled and call the function
   */
  public record Installed(
      boolean changeTable, boolean function, boolean functionCurrent, boolean triggers) {

    public boolean complete() {
      return changeTable && functionCurrent && triggers;
    }

    public boolean any() {
      return changeTable || function || triggers;
    }
  }
}
