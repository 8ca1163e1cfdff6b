package io.serversidesync.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.rbac.Permission;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dependent the operator owns completely (owner reference, so deleting the sync deletes it).
 *
 * <p>The operator runs without server-side apply (see docs/operator.md), so it decides itself
 * whether an object needs an update: when the hash of the desired object, stored in an annotation,
 * differs from the one on the object — which a change of the sync or of the operator's settings
 * causes, and defaulting by the API server never does — or when a field the operator sets was
 * changed by someone else (JOSDK's generic matcher, which ignores fields only the server added).
 * Once a version of the object matched a version of the sync, the comparison is not repeated until
 * either changes (see {@link Verified}): the periodic status poll reconciles every sync, and most
 * of the time nothing else changed.
 */
public abstract class HashMatchedDependentResource<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, ServerSideSync> {

  private final Map<ResourceID, Verified> verified = new ConcurrentHashMap<>();

  protected HashMatchedDependentResource(Class<R> type) {
    super(type);
    // Watch only what this operator created, not every ConfigMap or Deployment of the cluster.
    configureWith(
        new KubernetesDependentResourceConfigBuilder<R>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(type)
                    .withLabelSelector(RunnerLabels.MANAGED_SELECTOR)
                    .build())
            .build());
  }

  /** The object as the operator wants it, without the hash annotation. */
  protected abstract R build(ServerSideSync sync);

  /** The name of the object for a sync of the given name (in the sync's namespace). */
  protected abstract String objectName(String sync);

  /** Which object is the sync's, without building the desired object (JOSDK's default does). */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ServerSideSync sync, Context<ServerSideSync> context) {
    return new ResourceID(
        objectName(sync.getMetadata().getName()), sync.getMetadata().getNamespace());
  }

  /** What the operator does with this kind: watch through an informer, create, update (PUT). */
  public Permission permission() {
    return Permission.of(
        HasMetadata.getGroup(resourceType()),
        HasMetadata.getPlural(resourceType()),
        "list",
        "watch",
        "create",
        "update");
  }

  @Override
  protected R desired(ServerSideSync sync, Context<ServerSideSync> context) {
    R desired = build(sync);
    if (desired.getMetadata().getAnnotations() == null) {
      desired.getMetadata().setAnnotations(new HashMap<>());
    }
    desired
        .getMetadata()
        .getAnnotations()
        .put(RunnerLabels.DESIRED_HASH, DesiredStateHash.of(desired));
    return desired;
  }

  @Override
  public Result<R> match(R actual, ServerSideSync sync, Context<ServerSideSync> context) {
    ResourceID id = ResourceID.fromResource(actual);
    Verified now = Verified.of(versionForMatching(actual), sync);
    if (now.isKnown() && now.equals(verified.get(id))) {
      return Result.nonComputed(true);
    }
    R desired = desired(sync, context);
    String wanted = desired.getMetadata().getAnnotations().get(RunnerLabels.DESIRED_HASH);
    var annotations = actual.getMetadata().getAnnotations();
    String found = annotations == null ? null : annotations.get(RunnerLabels.DESIRED_HASH);
    if (!wanted.equals(found)) {
      verified.remove(id);
      return Result.computed(false, desired);
    }
    Result<R> result = super.match(actual, desired, sync, context);
    if (result.matched() && now.isKnown()) {
      verified.put(id, now);
    } else {
      verified.remove(id);
    }
    return result;
  }

  /** What the API server answers to a create is what the operator wanted: no need to compare. */
  @Override
  public R create(R desired, ServerSideSync sync, Context<ServerSideSync> context) {
    return remember(super.create(desired, sync, context), sync);
  }

  /** Likewise for what it answers to an update. */
  @Override
  public R update(R actual, R desired, ServerSideSync sync, Context<ServerSideSync> context) {
    return remember(super.update(actual, desired, sync, context), sync);
  }

  private R remember(R written, ServerSideSync sync) {
    Verified now = Verified.of(versionForMatching(written), sync);
    if (now.isKnown()) {
      verified.put(ResourceID.fromResource(written), now);
    }
    return written;
  }

  /**
   * What identifies a version of the actual object as far as matching goes: by default its
   * resourceVersion (any change at all). Kinds whose status others write often may narrow it.
   */
  protected Object versionForMatching(R actual) {
    return actual.getMetadata().getResourceVersion();
  }

  /** Forgets what was verified about the objects of a sync (it is gone). */
  public void forget(ServerSideSync sync) {
    String uid = sync.getMetadata().getUid();
    verified.values().removeIf(v -> Objects.equals(uid, v.syncUid()));
  }

  /**
   * A version of the actual object that matched what a version of the sync wants. The desired
   * object is a function of the sync's identity, its spec (whose every change moves
   * metadata.generation), the replay-errors annotation and the operator's settings (fixed for the
   * process); a version of the actual object ({@link #versionForMatching}) never changes what the
   * comparison looks at. So while both stay the same, the comparison (building the desired object,
   * hashing it, diffing it with the actual one: most of a periodic reconcile's work) would give the
   * same answer, and is skipped.
   */
  private record Verified(
      Object actualVersion, String syncUid, Long generation, String replayErrors) {

    static Verified of(Object actualVersion, ServerSideSync sync) {
      Map<String, String> annotations = sync.getMetadata().getAnnotations();
      return new Verified(
          actualVersion,
          sync.getMetadata().getUid(),
          sync.getMetadata().getGeneration(),
          annotations == null ? null : annotations.get(RunnerContract.REPLAY_ERRORS_ANNOTATION));
    }

    boolean isKnown() {
      return actualVersion != null && syncUid != null && generation != null;
    }
  }
}
