package io.serversidesync.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.rbac.Permission;
import java.util.HashMap;

/**
 * A dependent the operator owns completely (owner reference, so deleting the sync deletes it).
 *
 * <p>The operator runs without server-side apply (see docs/operator.md), so it decides itself
 * whether an object needs an update: when the hash of the desired object, stored in an annotation,
 * differs from the one on the object — which a change of the sync or of the operator's settings
 * causes, and defaulting by the API server never does — or when a field the operator sets was
 * changed by someone else (JOSDK's generic matcher, which ignores fields only the server added).
 */
public abstract class HashMatchedDependentResource<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, ServerSideSync> {

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
    R desired = desired(sync, context);
    String wanted = desired.getMetadata().getAnnotations().get(RunnerLabels.DESIRED_HASH);
    var annotations = actual.getMetadata().getAnnotations();
    String found = annotations == null ? null : annotations.get(RunnerLabels.DESIRED_HASH);
    if (!wanted.equals(found)) {
      return Result.computed(false, desired);
    }
    return super.match(actual, desired, sync, context);
  }
}
