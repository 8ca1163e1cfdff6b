package io.serversidesync.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.testing.OperatorFixture;
import org.junit.jupiter.api.Test;

/**
 * The runner's command: {@code run} for a sync, {@code plan --serve} for a dry run (which creates
 * no slot and writes nothing), both serving /status to the operator.
 */
class RunnerPodCommandTest {

  private final RunnerPods pods =
      new RunnerPods(OperatorSettings.defaults(OperatorFixture.RUNNER_IMAGE));

  private static final String CONFIG =
      RunnerContract.CONFIG_DIR + "/" + RunnerContract.CONFIG_FILE_NAME;

  @Test
  void aSyncRunsAndADryRunPlans() {
    ServerSideSync sync = OperatorFixture.example("apps", "orders");
    assertThat(pods.runner(sync).getContainers().get(0).getArgs())
        .containsExactly(
            "run", "--config", CONFIG, "--on-failure", "stay", "--status-address", "0.0.0.0");

    sync.getSpec().setDryRun(true);
    assertThat(pods.runner(sync).getContainers().get(0).getArgs())
        .containsExactly("plan", "--config", CONFIG, "--serve", "--status-address", "0.0.0.0");
    assertThat(pods.runner(sync).getContainers().get(0).getReadinessProbe()).isNotNull();
  }
}
