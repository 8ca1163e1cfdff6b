package io.serversidesync.operator.bench;

import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.harness.FakeRunnerLauncher;
import io.serversidesync.operator.status.Conditions;
import io.serversidesync.operator.testing.OperatorFixture;
import java.time.Duration;
import java.util.List;

/**
 * The operator's benchmark (scripts/bench.d/operator.sh): N syncs on the mock API server with fake
 * runners until all are Ready, then an idle window of 20 status polls per sync (5 minutes at the
 * default 15 s interval), counting the status writes. Prints BENCH lines; exits 1 when the run is
 * invalid (not all Ready, or too few polls in the idle window).
 */
public final class OperatorBenchmark {

  private OperatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    Duration poll = Duration.ofSeconds(1);
    int idlePolls = 20;
    FakeRunnerLauncher runners = new FakeRunnerLauncher();
    try (OperatorFixture fixture = new OperatorFixture(runners, poll)) {
      String ns = "bench";
      fixture.namespaceWithSecrets(ns);
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        fixture.create(OperatorFixture.example(ns, "sync-" + i));
      }
      long deadline = start + Duration.ofMinutes(5).toNanos();
      long ready = 0;
      while (System.nanoTime() < deadline) {
        ready = readyCount(fixture, ns);
        if (ready == count) {
          break;
        }
        Thread.sleep(200); // a benchmark's sampling period, not a test wait
      }
      double readySeconds = (System.nanoTime() - start) / 1e9;
      if (ready != count) {
        System.err.println("only " + ready + " of " + count + " syncs became Ready in 5 minutes");
        System.exit(1);
      }
      System.out.printf("BENCH operator_%d_ready_s %.1f s%n", count, readySeconds);

      // Idle window: nothing changes, the operator keeps polling every runner.
      Thread.sleep(3 * poll.toMillis()); // let the last Ready writes settle
      long writesBefore = statusWrites(fixture);
      long readsBefore = statusReads(runners, ns, count);
      Thread.sleep(idlePolls * poll.toMillis());
      long writes = statusWrites(fixture) - writesBefore;
      long reads = statusReads(runners, ns, count) - readsBefore;
      double pollsPerSync = (double) reads / count;
      System.out.printf("BENCH operator_idle_polls_per_cr %.1f polls%n", pollsPerSync);
      System.out.printf(
          "BENCH operator_status_writes_per_cr %.3f writes (20 polls = 5 idle minutes at 15s)%n",
          (double) writes / count);
      if (pollsPerSync < idlePolls / 2.0) {
        System.err.println(
            "invalid run: the operator polled each runner only " + pollsPerSync + " times");
        System.exit(1);
      }
    }
    System.exit(0);
  }

  private static long readyCount(OperatorFixture fixture, String ns) {
    List<ServerSideSync> all =
        fixture.client().resources(ServerSideSync.class).inNamespace(ns).list().getItems();
    return all.stream()
        .filter(
            s ->
                s.getStatus() != null
                    && Conditions.isTrue(s.getStatus().getConditions(), Condition.READY))
        .count();
  }

  private static long statusWrites(OperatorFixture fixture) {
    return fixture.cluster().operatorRequests().stream()
        .filter(
            r ->
                ("PUT".equals(r.method()) || "PATCH".equals(r.method()))
                    && r.resourcePath().endsWith("/status")
                    && r.resourcePath().contains("/serversidesyncs/"))
        .count();
  }

  private static long statusReads(FakeRunnerLauncher runners, String ns, int count) {
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += runners.runner(ns, "sync-" + i).map(r -> (long) r.statusReads()).orElse(0L);
    }
    return total;
  }
}
