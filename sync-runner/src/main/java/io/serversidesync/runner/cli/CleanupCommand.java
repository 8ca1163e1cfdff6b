package io.serversidesync.runner.cli;

import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.capture.ReplicationSlot;
import io.serversidesync.runner.capture.triggers.TriggerObjects;
import io.serversidesync.runner.config.ConfigException;
import io.serversidesync.runner.config.LoadedSync;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.SyncStateTable;
import io.serversidesync.runner.reverse.TwoWay;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code cleanup}: drops the sync's slot and publication, or its capture triggers, function and
 * change table (the errors table is kept).
 */
@Command(
    name = "cleanup",
    description =
        "Drop the sync's replication slot and publication, or its capture triggers, function"
            + " and change table (stop the runner first). The serversidesync.errors rows are"
            + " kept.",
    mixinStandardHelpOptions = true)
public final class CleanupCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedSync loaded;
    try {
      loaded = config.load();
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    }
    PostgresConnector connector =
        new PostgresConnector(loaded.settings().postgres(), "serversidesync-cleanup");
    ReplicationObjects objects = new ReplicationObjects(loaded.settings());
    try (Connection c = connector.connect()) {
      Optional<ReplicationSlot> slot = objects.slot(c);
      if (slot.isPresent() && slot.get().activePid() != 0) {
        err.println(
            "error: replication slot "
                + objects.name()
                + " is in use by process "
                + slot.get().activePid()
                + "; stop the runner first");
        return ExitCodes.FAILED;
      }
      boolean dropped = objects.dropSlot(c);
      String foreignOwner = objects.dropPublication(c);
      if (tableExists(c)) {
        new SyncStateTable(loaded.settings().name()).delete(c);
      }
      boolean origin =
          TwoWay.cleanup(c, loaded.settings().name(), loaded.settings().replicationName());
      TriggerObjects triggers = new TriggerObjects(loaded.settings());
      boolean triggersDropped = triggers.drop(c);
      out.println(
          (dropped ? "dropped" : "no")
              + " replication slot "
              + objects.name()
              + "; "
              + (foreignOwner == null
                  ? "dropped publication " + objects.name() + " (if it existed)"
                  : "left publication "
                      + objects.name()
                      + ", which belongs to "
                      + foreignOwner
                      + " (it retains no WAL; to remove it, as "
                      + foreignOwner
                      + " run DROP PUBLICATION "
                      + objects.name()
                      + ")")
              + (origin ? "; dropped replication origin " + objects.name() : "")
              + (triggersDropped
                  ? "; dropped the capture triggers, their function and the change table "
                      + triggers.changeTable()
                  : ""));
      out.flush();
      return ExitCodes.OK;
    } catch (SQLException e) {
      err.println("error: cleanup failed: " + connector.safeMessage(e));
      return ExitCodes.FAILED;
    }
  }

  private static boolean tableExists(Connection c) throws SQLException {
    try (var s = c.createStatement();
        var rs = s.executeQuery("SELECT to_regclass('serversidesync.syncs') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
