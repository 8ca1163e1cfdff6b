package io.serversidesync.operator.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Secret informer's cache, holding each Secret's key names and never its values: the operator
 * only checks that referenced keys exist (the runner pod mounts the values), so a value has no
 * business staying in the operator's memory, or in a heap dump of it.
 */
final class KeyNamesOnlySecretStore implements ItemStore<Secret> {

  private final BasicItemStore<Secret> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

  @Override
  public String getKey(Secret secret) {
    return store.getKey(secret);
  }

  @Override
  public Secret put(String key, Secret secret) {
    return store.put(key, withoutValues(secret));
  }

  @Override
  public Secret remove(String key) {
    return store.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<Secret> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public Secret get(String key) {
    return store.get(key);
  }

  /** The Secret's identity and key names; every value empty. */
  static Secret withoutValues(Secret secret) {
    ObjectMeta m = secret.getMetadata();
    ObjectMeta metadata =
        new ObjectMetaBuilder()
            .withName(m.getName())
            .withNamespace(m.getNamespace())
            .withUid(m.getUid())
            .withResourceVersion(m.getResourceVersion())
            .withGeneration(m.getGeneration())
            .withDeletionTimestamp(m.getDeletionTimestamp())
            .build();
    return new SecretBuilder()
        .withMetadata(metadata)
        .withType(secret.getType())
        .withData(keysOnly(secret.getData()))
        .withStringData(keysOnly(secret.getStringData()))
        .build();
  }

  private static Map<String, String> keysOnly(Map<String, String> values) {
    if (values == null) {
      return null;
    }
    Map<String, String> keys = new LinkedHashMap<>();
    values.keySet().forEach(k -> keys.put(k, ""));
    return keys;
  }
}
