package io.serversidesync.runner.cli;

import io.serversidesync.runner.capture.triggers.TriggerObjects;
import io.serversidesync.runner.config.ConfigException;
import io.serversidesync.runner.config.LoadedSync;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.Sql;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code trigger-sql}: prints the script with which a DBA installs trigger capture for a runner
 * whose role may not (minimal grants): the change table, the function, the triggers, and the grants
 * the runner's role needs to read and empty the change table. Connects to nothing.
 */
@Command(
    name = "trigger-sql",
    description =
        "Print the SQL script that installs the sync's capture triggers (spec.source.capture:"
            + " Triggers), for a DBA to run when the runner's role may not install them.",
    mixinStandardHelpOptions = true)
public final class TriggerSqlCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LoadedSync loaded;
    try {
      loaded = config.load();
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    }
    SyncSettings settings = loaded.settings();
    TriggerObjects objects = new TriggerObjects(settings);
    String role = Sql.ident(settings.postgres().user());
    String table = Sql.qualified(settings.schema(), settings.table());
    out.println("-- Trigger capture of " + table + " for sync " + settings.name() + ".");
    out.println(
        "-- Run as the owner of "
            + table
            + " (or a role with TRIGGER on it) that may create in schema serversidesync.");
    out.println(
        "-- Running it again replaces the function and the triggers and keeps the change table.");
    out.println("BEGIN;");
    for (String statement : objects.installStatements()) {
      out.println(statement + ";");
    }
    out.println("GRANT USAGE ON SCHEMA serversidesync TO " + role + ";");
    out.println("GRANT SELECT, DELETE ON " + objects.changeTable() + " TO " + role + ";");
    out.println("GRANT SELECT ON " + table + " TO " + role + ";");
    out.println(
        "-- The runner keeps its errors and state in serversidesync.errors and"
            + " serversidesync.syncs: it creates them if it may, otherwise:");
    out.println("-- GRANT CREATE ON SCHEMA serversidesync TO " + role + ";");
    out.println("COMMIT;");
    out.flush();
    return ExitCodes.OK;
  }
}
