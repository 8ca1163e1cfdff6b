package io.serversidesync.operator.bench;

import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.harness.FakeRunner;
import io.serversidesync.operator.harness.FakeRunnerLauncher;
import io.serversidesync.operator.testing.ApiAccess;
import io.serversidesync.operator.testing.ApiRequest;
import io.serversidesync.operator.testing.MockCluster;
import io.serversidesync.operator.testing.OperatorFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The operator's benchmark (scripts/bench.d/operator.sh): N syncs on Fabric8's mock API server with
 * fake runners served by the harness kubelet, the operator with its production settings.
 *
 * <ol>
 *   <li>Warm-up (not measured): 100 syncs on a throwaway cluster, so the JIT has compiled the code
 *       paths before the clock runs, as in an operator that has been up for a while.
 *   <li>Ready: the clock runs from the first create to the last sync seen Ready (Ready=True for its
 *       current generation) through a watch, as a user's client sees it. The creates come from a
 *       few client threads, like a GitOps tool applying a directory.
 *   <li>Idle: the operator is replaced by one polling every second (a restart, which must not write
 *       either), and every runner is polled at least 20 times by it: 5 idle minutes at the default
 *       15 s interval, in about 20 s. The operator's status writes and other writes are counted.
 * </ol>
 *
 * Prints BENCH lines, and to stderr what each client asked of the API server. Exits 1 when the run
 * is invalid: not all Ready in 5 minutes, a runner polled fewer than 20 times in the idle window,
 * or a sync no longer Ready at its end.
 */
public final class OperatorBenchmark {

  static final int CREATE_THREADS = 4;
  static final Duration READY_DEADLINE = Duration.ofMinutes(5);
  static final Duration IDLE_POLL = Duration.ofSeconds(1);
  static final int IDLE_POLLS = 20;
  static final Duration IDLE_DEADLINE = Duration.ofMinutes(3);
  static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");

  private OperatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    // A variant (e.g. "default_jit") measures Ready and the floor only, its figures so suffixed.
    String variant = args.length > 2 ? "_" + args[2] : "";
    OperatorSettings settings = OperatorSettings.defaults(OperatorFixture.RUNNER_IMAGE);
    String ns = "bench";
    try (OperatorFixture fixture = new OperatorFixture(new FakeRunnerLauncher(), settings);
        ReadyWatch watch = new ReadyWatch(fixture.client(), ns)) {
      fixture.namespaceWithSecrets(ns);
      long start = System.nanoTime();
      createAll(fixture, ns, warmUp);
      if (!awaitReady(watch, warmUp, start)) {
        System.err.println("invalid run: the warm-up syncs did not become Ready");
        System.exit(1);
      }
      System.err.printf(
          "warm-up: %d syncs Ready in %.1f s (not measured)%n",
          warmUp, seconds(System.nanoTime() - start));
    }
    Measured measured;
    FakeRunnerLauncher runners = new FakeRunnerLauncher();
    try (OperatorFixture fixture = new OperatorFixture(runners, settings);
        ReadyWatch watch = new ReadyWatch(fixture.client(), ns)) {
      fixture.namespaceWithSecrets(ns);
      measured = run(fixture, settings, runners, watch, ns, count, variant);
    }
    if (measured == null) {
      System.exit(1);
    }
    double floor = ApiFloor.replay(measured.objects(), ns, CREATE_THREADS);
    System.out.printf(
        "BENCH operator_%d_api_floor%s_s %.1f s (the same syncs' least API requests, replayed"
            + " without an operator)%n",
        count, variant, floor);
    System.out.printf(
        "BENCH operator_%d_ready_vs_floor%s %.2f x%n",
        count, variant, measured.readySeconds() / floor);
    System.exit(0);
  }

  /** What the measured run leaves for the baseline: its time and its objects. */
  private record Measured(double readySeconds, ApiFloor.Objects objects) {}

  /** The measured run; null when it is invalid (the reason is printed). */
  private static Measured run(
      OperatorFixture fixture,
      OperatorSettings settings,
      FakeRunnerLauncher runners,
      ReadyWatch watch,
      String ns,
      int count,
      String variant)
      throws Exception {
    int requestsBefore = fixture.cluster().requests().size();
    long start = System.nanoTime();
    createAll(fixture, ns, count);
    double createdSeconds = seconds(System.nanoTime() - start);
    if (!awaitReady(watch, count, start)) {
      System.err.printf(
          "invalid run: only %d of %d syncs became Ready in %s%n",
          watch.everReady(), count, READY_DEADLINE);
      return null;
    }
    List<Long> readyAt = new ArrayList<>(watch.firstReady().values());
    readyAt.sort(Long::compare);
    double readySeconds = seconds(readyAt.get(readyAt.size() - 1) - start);
    List<ApiRequest> ramp = since(fixture, requestsBefore);
    System.out.printf(
        "BENCH operator_%d_ready%s_s %.1f s (status poll every %ds)%n",
        count, variant, readySeconds, settings.statusPollInterval().toSeconds());
    System.out.printf(
        "BENCH operator_api_requests_per_cr%s %.1f requests (until all Ready)%n",
        variant, (double) countOf(ramp, MockCluster.OPERATOR_AGENT) / count);
    System.err.printf(
        "ready: created all in %.1f s; first Ready after %.1f s, median %.1f s, last %.1f s%n",
        createdSeconds,
        seconds(readyAt.get(0) - start),
        seconds(readyAt.get(readyAt.size() / 2) - start),
        readySeconds);
    printBreakdown("until all Ready", ramp, count);
    ApiFloor.Objects objects = ApiFloor.Objects.of(fixture.client(), ns);

    if (!variant.isEmpty()) {
      return new Measured(readySeconds, objects);
    }
    // Idle: a replacement operator polling every second; 20 polls of every runner.
    Map<String, Integer> readsBefore = statusReads(runners, ns, count);
    int idleStart = fixture.cluster().requests().size();
    long idleStartNanos = System.nanoTime();
    fixture.replaceOperator(settings.withStatusPollInterval(IDLE_POLL));
    if (!awaitPolls(runners, ns, count, readsBefore)) {
      System.err.printf(
          "invalid run: some runner was polled fewer than %d times in %s%n",
          IDLE_POLLS, IDLE_DEADLINE);
      return null;
    }
    List<ApiRequest> idle = since(fixture, idleStart);
    Map<String, Integer> readsAfter = statusReads(runners, ns, count);
    int minPolls = Integer.MAX_VALUE;
    long polls = 0;
    for (int i = 0; i < count; i++) {
      int n = readsAfter.get(name(i)) - readsBefore.get(name(i));
      minPolls = Math.min(minPolls, n);
      polls += n;
    }
    List<ApiRequest> operatorIdle =
        idle.stream().filter(r -> MockCluster.OPERATOR_AGENT.equals(r.userAgent())).toList();
    long statusWrites = operatorIdle.stream().filter(OperatorBenchmark::isStatusWrite).count();
    long writes =
        operatorIdle.stream()
            .map(ApiAccess::of)
            .flatMap(java.util.Optional::stream)
            .filter(a -> WRITES.contains(a.verb()))
            .count();
    System.out.printf(
        "BENCH operator_status_writes_per_cr %.3f writes (%d+ polls each = %d idle minutes at"
            + " 15s)%n",
        (double) statusWrites / count, minPolls, minPolls * 15 / 60);
    System.out.printf(
        "BENCH operator_idle_api_writes_per_cr %.3f writes (same window, any object)%n",
        (double) writes / count);
    System.err.printf(
        "idle: %.1f s, %.1f polls per sync (at least %d), after an operator restart%n",
        seconds(System.nanoTime() - idleStartNanos), (double) polls / count, minPolls);
    printBreakdown("idle window", idle, count);
    if (watch.readyNow() != count) {
      System.err.printf(
          "invalid run: %d of %d syncs are Ready after the idle window%n", watch.readyNow(), count);
      return null;
    }
    return new Measured(readySeconds, objects);
  }

  /** Creates syncs sync-0 … sync-(count-1) from a few client threads. */
  private static void createAll(OperatorFixture fixture, String ns, int count) throws Exception {
    ExecutorService creators = Executors.newFixedThreadPool(CREATE_THREADS);
    try {
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = name(i);
        creates.add(creators.submit(() -> fixture.create(OperatorFixture.example(ns, name))));
      }
      for (Future<?> create : creates) {
        create.get();
      }
    } finally {
      creators.shutdown();
    }
  }

  private static boolean awaitReady(ReadyWatch watch, int count, long start)
      throws InterruptedException {
    long deadline = start + READY_DEADLINE.toNanos();
    while (watch.everReady() < count && System.nanoTime() < deadline) {
      Thread.sleep(50); // the benchmark's sampling period; the Ready times come from the watch
    }
    return watch.everReady() >= count;
  }

  private static List<ApiRequest> since(OperatorFixture fixture, int index) {
    List<ApiRequest> all = fixture.cluster().requests();
    return all.subList(index, all.size());
  }

  private static String name(int i) {
    return "sync-" + i;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static boolean isStatusWrite(ApiRequest r) {
    return ("PUT".equals(r.method()) || "PATCH".equals(r.method()))
        && r.resourcePath().endsWith("/status")
        && r.resourcePath().contains("/serversidesyncs/");
  }

  private static long countOf(List<ApiRequest> requests, String agent) {
    return requests.stream().filter(r -> agent.equals(r.userAgent())).count();
  }

  /** What each client asked of the API server, per verb and resource. */
  private static void printBreakdown(String window, List<ApiRequest> requests, int count) {
    Map<String, Map<String, Long>> byAgent = new TreeMap<>();
    for (ApiRequest r : requests) {
      String access = ApiAccess.of(r).map(ApiAccess::toString).orElse("discovery");
      byAgent
          .computeIfAbsent(String.valueOf(r.userAgent()), a -> new TreeMap<>())
          .merge(access, 1L, Long::sum);
    }
    System.err.printf("API requests, %s (%d syncs):%n", window, count);
    byAgent.forEach(
        (agent, accesses) ->
            System.err.printf(
                "  %s: %s%n",
                agent,
                accesses.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))));
  }

  private static Map<String, Integer> statusReads(
      FakeRunnerLauncher runners, String ns, int count) {
    Map<String, Integer> reads = new HashMap<>();
    for (int i = 0; i < count; i++) {
      reads.put(name(i), runners.runner(ns, name(i)).map(FakeRunner::statusReads).orElse(0));
    }
    return reads;
  }

  /** Waits until every runner was read IDLE_POLLS more times than in {@code before}. */
  private static boolean awaitPolls(
      FakeRunnerLauncher runners, String ns, int count, Map<String, Integer> before)
      throws InterruptedException {
    long deadline = System.nanoTime() + IDLE_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Integer> now = statusReads(runners, ns, count);
      boolean done = true;
      for (int i = 0; i < count && done; i++) {
        done = now.get(name(i)) - before.get(name(i)) >= IDLE_POLLS;
      }
      if (done) {
        return true;
      }
      Thread.sleep(200); // the benchmark's sampling period
    }
    return false;
  }
}
