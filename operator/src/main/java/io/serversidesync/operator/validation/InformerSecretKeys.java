package io.serversidesync.operator.validation;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.rbac.Permission;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Secret keys read from an informer of the Secrets in the watched namespaces, instead of a GET per
 * referenced Secret per reconcile (two per sync every poll interval: with 500 syncs, 67 requests a
 * second to the API server for nothing).
 *
 * <p>The informer also reconciles the syncs that reference a Secret whenever its keys change, so
 * creating a missing Secret (or adding a missing key) fixes a stalled sync at once. It keeps key
 * names only ({@link KeyNamesOnlySecretStore}) and skips the Secret types no sync can reference
 * (service-account tokens, Helm release records: the bulk of a cluster's Secrets).
 *
 * <p>RBAC: list and watch on Secrets in the watched namespaces, where a GET needed only get. An
 * operator that may get any Secret by name can read them all anyway; list adds discovery. Limit it
 * with SSS_WATCH_NAMESPACES (the chart then grants it per namespace).
 */
public final class InformerSecretKeys implements SecretKeys {

  /** What this class asks of the API server. */
  public static final List<Permission> PERMISSIONS =
      List.of(Permission.of("", "secrets", "list", "watch"));

  static final String INDEX = "serversidesync.io/referenced-secrets";

  /** Secret types that never hold a sync's credentials. */
  static final List<String> IGNORED_TYPES =
      List.of("kubernetes.io/service-account-token", "helm.sh/release.v1");

  private volatile InformerEventSource<Secret, ServerSideSync> source;

  /** The event source; the reconciler registers it (once) in prepareEventSources. */
  public synchronized InformerEventSource<Secret, ServerSideSync> eventSource(
      EventSourceContext<ServerSideSync> context) {
    if (source != null) {
      throw new IllegalStateException("the Secret informer is already registered");
    }
    context.getPrimaryCache().addIndexer(INDEX, InformerSecretKeys::indexKeys);
    source =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, ServerSideSync.class)
                .withName("secrets")
                .withFieldSelector(
                    new FieldSelector(
                        IGNORED_TYPES.stream()
                            .map(type -> new FieldSelector.Field("type", type, true))
                            .toList()))
                .withItemStore(new KeyNamesOnlySecretStore())
                .withSecondaryToPrimaryMapper(
                    secret ->
                        context
                            .getPrimaryCache()
                            .byIndex(INDEX, key(secret.getMetadata().getNamespace(), name(secret)))
                            .stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (ServerSideSync sync) ->
                        SecretReferences.secretNames(sync.getSpec()).stream()
                            .map(n -> new ResourceID(n, sync.getMetadata().getNamespace()))
                            .collect(Collectors.toSet()))
                // A new value changes nothing the operator checks; a new or removed key may.
                .withOnUpdateFilter(
                    (after, before) -> !Objects.equals(keyNames(after), keyNames(before)))
                .build(),
            context);
    return source;
  }

  @Override
  public Optional<Set<String>> keysOf(String namespace, String name) {
    InformerEventSource<Secret, ServerSideSync> informer = source;
    if (informer == null) {
      throw new IllegalStateException("the Secret informer is not registered yet");
    }
    return informer.get(new ResourceID(name, namespace)).map(InformerSecretKeys::keyNames);
  }

  static Set<String> keyNames(Secret secret) {
    Set<String> keys = new HashSet<>();
    if (secret.getData() != null) {
      keys.addAll(secret.getData().keySet());
    }
    if (secret.getStringData() != null) {
      // Only a write carries stringData on a real API server; Fabric8's mock server keeps it.
      keys.addAll(secret.getStringData().keySet());
    }
    return keys;
  }

  private static List<String> indexKeys(ServerSideSync sync) {
    String namespace = sync.getMetadata().getNamespace();
    return SecretReferences.secretNames(sync.getSpec()).stream()
        .map(n -> key(namespace, n))
        .toList();
  }

  private static String name(Secret secret) {
    return secret.getMetadata().getName();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
