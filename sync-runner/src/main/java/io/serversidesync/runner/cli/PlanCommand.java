package io.serversidesync.runner.cli;

import io.serversidesync.api.Durations;
import io.serversidesync.api.v1alpha1.DestinationSpec;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.config.ConfigException;
import io.serversidesync.runner.config.LoadedSync;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationProvider;
import io.serversidesync.runner.destination.DestinationRegistry;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.status.RunnerTelemetry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plan}: what the sync will cost in destination API calls, before it runs. Reads only
 * statistics and the destination's limits; with {@code --serve} (the operator's dry-run pods) it
 * keeps the estimate on /status and makes it again every {@code --every}.
 */
@Command(
    name = "plan",
    description =
        "Estimate the sync's API calls (initial load, per day, share of the allocation) from the"
            + " table's statistics and the destination's limits. Creates nothing, writes nothing.",
    mixinStandardHelpOptions = true)
public final class PlanCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(
      names = "--sample",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long to watch pg_stat_user_tables for the change rate, e.g. 10s or 1m."
              + " Default: ${DEFAULT-VALUE}")
  Duration sample = Duration.ofSeconds(10);

  @Option(
      names = "--rate",
      paramLabel = "CHANGES_PER_S",
      description = "The change rate to plan for instead of sampling it (changes per second).")
  Double rate;

  @Option(
      names = "--keys",
      paramLabel = "N",
      description = "Distinct keys the changes fall on (the hot set), instead of the table's rows.")
  Long keys;

  @Option(
      names = "--no-limits",
      description = "Do not read the destination's allocation (no call to the destination).")
  boolean noLimits;

  @Mixin PlanServeOptions serve;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if ((rate != null && !(rate >= 0)) || (keys != null && keys < 1) || sample.isZero()) {
      err.println("error: --rate must be ≥ 0, --keys ≥ 1 and --sample longer than 0");
      return ExitCodes.USAGE;
    }
    LoadedSync loaded;
    try {
      loaded = config.load();
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    }
    DestinationProvider provider;
    try {
      provider = DestinationRegistry.select(loaded.manifest(), DestinationRegistry.installed());
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.DESTINATION_REJECTED;
    }
    PlanRun run =
        new PlanRun(loaded.settings(), new PlanRun.Options(sample, rate, keys, !noLimits));
    RunnerState state = new RunnerState(loaded.settings().name());
    if (serve.serve) {
      return serve.serveUntilStopped(state, () -> plan(provider, loaded, run, state), err);
    }
    try {
      PlanRun.Result result = plan(provider, loaded, run, state);
      PlanReport.print(out, loaded.settings(), describe(provider, loaded.manifest()), result);
      return ExitCodes.OK;
    } catch (UserFixable e) {
      err.println("error: " + e.getMessage());
      return e.exitCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILED;
    }
  }

  private static PlanRun.Result plan(
      DestinationProvider provider, LoadedSync loaded, PlanRun run, RunnerState state)
      throws UserFixable, InterruptedException {
    try (Destination destination =
        provider.create(loaded.manifest(), loaded.secrets(), new RunnerTelemetry(state))) {
      return run.plan(destination);
    } catch (DestinationException e) {
      throw new UserFixable(ExitCodes.DESTINATION_REJECTED, e.reason(), e.getMessage(), e);
    }
  }

  private static String describe(DestinationProvider provider, ServerSideSync manifest) {
    DestinationSpec d = manifest.getSpec().getDestination();
    return provider.name() + " " + d.getObject() + " by " + d.getExternalIdField();
  }

  /** Reads durations as the spec writes them: 500ms, 10s, 1m30s. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value);
    }
  }
}
