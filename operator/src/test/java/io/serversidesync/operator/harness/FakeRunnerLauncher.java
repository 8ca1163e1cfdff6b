package io.serversidesync.operator.harness;

import io.serversidesync.api.manifest.ManifestReader;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.api.v1alpha1.Lag;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts {@link FakeRunner}s and scripted cleanups. A new runner reports Streaming with fixed
 * counters and acknowledges the manifest's replay-errors annotation, as the real runner would after
 * acting on it.
 */
public final class FakeRunnerLauncher implements RunnerLauncher {

  public static final Counters COUNTERS = new Counters(100_000, 10_000, 50, 99_950, 3);

  private final Map<String, FakeRunner> live = new ConcurrentHashMap<>();
  private final Map<String, Queue<CleanupResult>> scriptedCleanups = new ConcurrentHashMap<>();
  private final List<PodContext> cleanupsRun = new CopyOnWriteArrayList<>();

  /** Thread-safe once built; building one per pod costs more than reading the manifest. */
  private static final ManifestReader READER = new ManifestReader();

  @Override
  public RunningRunner start(PodContext pod) throws Exception {
    ServerSideSync manifest = READER.read(pod.configFile());
    FakeRunner runner = new FakeRunner(pod, manifest, streaming(pod, manifest));
    FakeRunner before = live.put(pod.namespace() + "/" + pod.sync(), runner);
    if (before != null) {
      before.close();
    }
    return runner;
  }

  @Override
  public CleanupResult cleanup(PodContext pod) {
    cleanupsRun.add(pod);
    Queue<CleanupResult> script = scriptedCleanups.get(pod.namespace() + "/" + pod.sync());
    CleanupResult next = script == null ? null : script.poll();
    return next == null ? CleanupResult.success() : next;
  }

  /** The next cleanups of a sync end like this, in order; after them, cleanups succeed. */
  public void scriptCleanups(String namespace, String sync, CleanupResult... results) {
    scriptedCleanups
        .computeIfAbsent(namespace + "/" + sync, k -> new ConcurrentLinkedQueue<>())
        .addAll(List.of(results));
  }

  /** The runner of a sync that runs now. */
  public Optional<FakeRunner> runner(String namespace, String sync) {
    FakeRunner runner = live.get(namespace + "/" + sync);
    return Optional.ofNullable(runner);
  }

  /** The cleanup pods run so far, in order. */
  public List<PodContext> cleanupsRun() {
    return List.copyOf(cleanupsRun);
  }

  private static RunnerStatus streaming(PodContext pod, ServerSideSync manifest) {
    var annotations = manifest.getMetadata().getAnnotations();
    String replay =
        annotations == null ? null : annotations.get(RunnerContract.REPLAY_ERRORS_ANNOTATION);
    return new RunnerStatus(
        pod.sync(),
        Phase.Streaming,
        true,
        "Streaming",
        "streaming changes of the table",
        new Lag(0, 0.0),
        COUNTERS,
        null,
        "0/16B3748",
        null,
        replay,
        null);
  }
}
