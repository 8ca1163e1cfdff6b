package io.serversidesync.demo;

import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.runner.StatusProbe;
import io.serversidesync.harness.workload.AccountsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo's parents: public.accounts synced by a resource and runner of their own
 * (examples/accounts-salesforce.yaml). The application writes them before the contacts that name
 * them, as a team loading a parent and its children would; a contact whose account arrives later
 * would wait for it (waitForParent) and cost a second call.
 */
final class AccountsPart implements AutoCloseable {

  static final String EXAMPLE = "examples/accounts-salesforce.yaml";
  static final int ACCOUNTS = 200;

  private final PrintStream out;
  private final RunnerProcess runner;
  private final StatusProbe status;

  private AccountsPart(PrintStream out, RunnerProcess runner) {
    this.out = out;
    this.runner = runner;
    this.status = runner.probe();
  }

  /** Starts the accounts' runner and waits until it is ready. */
  static AccountsPart start(
      PrintStream out, TwoWayAct.RunnerLauncher launcher, Path config, int statusPort)
      throws IOException, InterruptedException {
    AccountsPart part = new AccountsPart(out, launcher.start(config, statusPort));
    try {
      RunnerWatch.awaitReady(part.runner, part.status);
      return part;
    } catch (RuntimeException | InterruptedException e) {
      part.close();
      throw e;
    }
  }

  /** Inserts the accounts and waits until their runner has delivered them. */
  RunnerStatus writeAndDeliver(PostgresDatabase db) throws InterruptedException {
    AccountsTable.insert(db, ACCOUNTS);
    return RunnerWatch.drain(
        out, runner, status, RunnerWatch.currentLsn(db), Duration.ofSeconds(60));
  }

  /** Stops the runner (SIGTERM) and returns its exit code. */
  int stop() throws InterruptedException {
    return runner.terminate(Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    runner.close();
  }
}
