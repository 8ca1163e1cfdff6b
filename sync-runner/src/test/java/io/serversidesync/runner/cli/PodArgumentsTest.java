package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * The command lines the operator gives a runner pod (see the operator's RunnerPodCommandTest) are
 * ones this runner accepts: a renamed option would otherwise surface only as a pod that exits at
 * once.
 */
class PodArgumentsTest {

  private static ParseResult parse(String... args) {
    return SyncRunnerCommand.commandLine().parseArgs(args);
  }

  @Test
  void theRunAndPlanCommandLinesOfARunnerPodParse() {
    String config = "/etc/serversidesync/sync.yaml";
    ParseResult run =
        parse("run", "--config", config, "--on-failure", "stay", "--status-address", "0.0.0.0");
    assertThat(run.subcommand().commandSpec().name()).isEqualTo("run");
    ParseResult plan = parse("plan", "--config", config, "--serve", "--status-address", "0.0.0.0");
    assertThat(plan.subcommand().commandSpec().name()).isEqualTo("plan");
    assertThat(plan.subcommand().matchedOptionValue("--serve", false)).isTrue();
  }
}
