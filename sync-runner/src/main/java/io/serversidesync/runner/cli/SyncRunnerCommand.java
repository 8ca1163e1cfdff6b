package io.serversidesync.runner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** The sync-runner command line: run, plan, cleanup, errors list|replay. */
@Command(
    name = "sync-runner",
    description =
        "Runs one ServerSideSync: Postgres logical replication → coalesced batched upserts by"
            + " external id.",
    mixinStandardHelpOptions = true,
    versionProvider = RunnerVersion.class,
    subcommands = {
      RunCommand.class,
      PlanCommand.class,
      CleanupCommand.class,
      ErrorsCommand.class,
      TriggerSqlCommand.class
    })
public final class SyncRunnerCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The command line with its exit-code conventions. */
  public static CommandLine commandLine() {
    return new CommandLine(new SyncRunnerCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
