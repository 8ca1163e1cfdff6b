package io.serversidesync.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.status.Conditions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the syncs of a namespace as a user's client would and records when each was first seen
 * Ready for its current generation (a watch, not repeated lists: listing hundreds of syncs every
 * few hundred milliseconds would load the API server more than the operator does).
 */
final class ReadyWatch implements AutoCloseable {

  private final Map<String, Long> firstReadyNanos = new ConcurrentHashMap<>();
  private final Map<String, Boolean> readyNow = new ConcurrentHashMap<>();
  private final SharedIndexInformer<ServerSideSync> informer;

  ReadyWatch(KubernetesClient client, String namespace) {
    informer =
        client
            .resources(ServerSideSync.class)
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ServerSideSync sync) {
                    seen(sync);
                  }

                  @Override
                  public void onUpdate(ServerSideSync before, ServerSideSync sync) {
                    seen(sync);
                  }

                  @Override
                  public void onDelete(ServerSideSync sync, boolean unknown) {
                    readyNow.remove(sync.getMetadata().getName());
                  }
                },
                0);
  }

  private void seen(ServerSideSync sync) {
    long now = System.nanoTime();
    String name = sync.getMetadata().getName();
    boolean ready = isReady(sync);
    readyNow.put(name, ready);
    if (ready) {
      firstReadyNanos.putIfAbsent(name, now);
    }
  }

  static boolean isReady(ServerSideSync sync) {
    return sync.getStatus() != null
        && Conditions.isTrue(sync.getStatus().getConditions(), Condition.READY)
        && sync.getMetadata().getGeneration() != null
        && sync.getMetadata().getGeneration().equals(sync.getStatus().getObservedGeneration());
  }

  /** How many syncs have been Ready at least once. */
  int everReady() {
    return firstReadyNanos.size();
  }

  /** How many syncs are Ready now. */
  long readyNow() {
    return readyNow.values().stream().filter(b -> b).count();
  }

  /** When each sync was first seen Ready (System.nanoTime), by name. */
  Map<String, Long> firstReady() {
    return Map.copyOf(firstReadyNanos);
  }

  @Override
  public void close() {
    informer.close();
  }
}
