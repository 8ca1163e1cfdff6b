package io.serversidesync.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

class KeyNamesOnlySecretStoreTest {

  private final KeyNamesOnlySecretStore store = new KeyNamesOnlySecretStore();

  @Test
  void keepsTheKeyNamesAndIdentityButNoValue() {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("sf-oauth")
            .withNamespace("apps")
            .withResourceVersion("42")
            .withUid("u-1")
            .addToLabels("team", "crm")
            .endMetadata()
            .withType("Opaque")
            .addToData("clientId", "Y2xpZW50")
            .addToStringData("clientSecret", "s3cr3t")
            .build();

    store.put(store.getKey(secret), secret);

    Secret kept = store.get("apps/sf-oauth");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(kept.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(InformerSecretKeys.keyNames(kept))
        .containsExactlyInAnyOrder("clientId", "clientSecret");
    assertThat(kept.getData())
        .containsOnlyKeys("clientId")
        .allSatisfy((k, v) -> assertThat(v).isEmpty());
    assertThat(kept.getStringData()).allSatisfy((k, v) -> assertThat(v).isEmpty());
    assertThat(kept.toString()).doesNotContain("Y2xpZW50").doesNotContain("s3cr3t");
    // The object the informer received is left as it was.
    assertThat(secret.getData()).containsEntry("clientId", "Y2xpZW50");
  }

  @Test
  void removesAndListsLikeAnyStore() {
    Secret a =
        new SecretBuilder()
            .withNewMetadata()
            .withName("a")
            .withNamespace("n")
            .endMetadata()
            .build();
    store.put(store.getKey(a), a);
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.keySet()).containsExactly("n/a");
    assertThat(InformerSecretKeys.keyNames(store.get("n/a"))).isEmpty();
    store.remove("n/a");
    assertThat(store.values()).isEmpty();
  }
}
