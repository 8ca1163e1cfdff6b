package io.serversidesync.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.serversidesync.runner.config.ConfigException;
import io.serversidesync.runner.config.LoadedSync;
import io.serversidesync.runner.errors.ErrorsTable;
import io.serversidesync.runner.errors.StoredError;
import io.serversidesync.runner.pg.PostgresConnector;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code errors list|replay}: the records that could not be delivered. */
@Command(
    name = "errors",
    description = "Inspect or replay the records in serversidesync.errors.",
    mixinStandardHelpOptions = true,
    subcommands = {ErrorsCommand.ListErrors.class, ErrorsCommand.ReplayErrors.class})
public final class ErrorsCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** Base for the two subcommands: load the manifest and open the errors table. */
  abstract static class ErrorsWork implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    abstract int work(Connection c, ErrorsTable table, PrintWriter out) throws SQLException;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      LoadedSync loaded;
      try {
        loaded = config.load();
      } catch (ConfigException e) {
        err.println("error: " + e.getMessage());
        return ExitCodes.INVALID_CONFIG;
      }
      PostgresConnector connector =
          new PostgresConnector(loaded.settings().postgres(), "serversidesync-errors");
      try (Connection c = connector.connect()) {
        if (!ErrorsTable.exists(c)) {
          spec.commandLine().getOut().println("no errors recorded (the runner has not run yet)");
          spec.commandLine().getOut().flush();
          return ExitCodes.OK;
        }
        int code = work(c, new ErrorsTable(loaded.settings().name()), spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return code;
      } catch (SQLException e) {
        err.println("error: " + connector.safeMessage(e));
        return ExitCodes.FAILED;
      }
    }
  }

  @Command(
      name = "list",
      description = "List unresolved errors, newest first.",
      mixinStandardHelpOptions = true)
  static final class ListErrors extends ErrorsWork {
    @Option(names = "--all", description = "Include resolved errors.")
    boolean all;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "At most N rows. Default: ${DEFAULT-VALUE}")
    int limit = 100;

    @Option(names = "--json", description = "One JSON document per line.")
    boolean json;

    @Override
    int work(Connection c, ErrorsTable table, PrintWriter out) throws SQLException {
      List<StoredError> rows = table.list(c, all, limit);
      if (json) {
        ObjectMapper mapper =
            new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        for (StoredError row : rows) {
          try {
            out.println(mapper.writeValueAsString(row));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        }
        return ExitCodes.OK;
      }
      if (rows.isEmpty()) {
        out.println(all ? "no errors recorded" : "no unresolved errors");
        return ExitCodes.OK;
      }
      out.printf(
          "%-8s %-24s %-28s %-8s %-20s %s%n", "ID", "KEY", "CODE", "TRIES", "LAST SEEN", "MESSAGE");
      for (StoredError row : rows) {
        out.printf(
            "%-8d %-24s %-28s %-8d %-20s %s%s%n",
            row.id(),
            row.upsertKey() == null ? "(none)" : row.upsertKey(),
            row.code(),
            row.attempts(),
            row.lastSeen().withNano(0).toInstant().toString(),
            row.resolvedAt() == null ? "" : "[resolved] ",
            row.message());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "replay",
      description =
          "Ask the runner to re-read and resend every unresolved error that has a key (it acts"
              + " within seconds while running, or at its next start).",
      mixinStandardHelpOptions = true)
  static final class ReplayErrors extends ErrorsWork {
    @Override
    int work(Connection c, ErrorsTable table, PrintWriter out) throws SQLException {
      int rows = table.requestReplay(c);
      out.println(rows + " error row(s) queued for replay");
      return ExitCodes.OK;
    }
  }
}
