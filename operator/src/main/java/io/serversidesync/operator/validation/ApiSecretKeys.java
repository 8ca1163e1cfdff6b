package io.serversidesync.operator.validation;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.serversidesync.operator.rbac.Permission;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Secret keys from the API server with a GET of the named Secret only (no informer: caching
 * every Secret of the cluster in the operator would need list and watch on all Secrets).
 */
public final class ApiSecretKeys implements SecretKeys {

  /** What this class asks of the API server. */
  public static final List<Permission> PERMISSIONS = List.of(Permission.of("", "secrets", "get"));

  private final KubernetesClient client;

  public ApiSecretKeys(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Set<String>> keysOf(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return Optional.empty();
    }
    Set<String> keys = new HashSet<>();
    if (secret.getData() != null) {
      keys.addAll(secret.getData().keySet());
    }
    if (secret.getStringData() != null) {
      keys.addAll(secret.getStringData().keySet());
    }
    return Optional.of(keys);
  }
}
