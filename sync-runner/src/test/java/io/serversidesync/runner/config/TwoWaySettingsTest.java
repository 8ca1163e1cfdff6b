package io.serversidesync.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoWaySettingsTest {

  private static final String MANIFEST =
      """
      apiVersion: serversidesync.io/v1alpha1
      kind: ServerSideSync
      metadata: {name: contacts}
      spec:
        source:
          postgres:
            host: db
            database: app
            credentialsSecretRef: {name: app-db}
          table: public.contacts
          upsertKey: ref
        destination:
          salesforce:
            loginUrl: https://acme.my.salesforce.com
            auth: {flow: ClientCredentials, secretRef: {name: sf-oauth}}
          object: Contact
          externalIdField: Ref__c
        mapping:
          - {column: ref, field: Ref__c}
          - {column: v, field: V__c}
      %s
      """;

  private static SyncSettings load(Path dir, String twoWay) throws Exception {
    Path file = dir.resolve("sync.yaml");
    Files.writeString(file, MANIFEST.formatted(twoWay));
    return SettingsLoader.load(file, (name, key) -> "secret-" + key).settings();
  }

  @Test
  void specTwoWayBecomesTheReverseSettings(@TempDir Path dir) throws Exception {
    SyncSettings settings =
        load(
            dir,
            "  twoWay: {pollInterval: 15s, destinationIdColumn: salesforce_id,"
                + " conflictPolicy: LastWriteWins}");
    assertThat(settings.twoWay())
        .isEqualTo(
            new TwoWaySettings(
                Duration.ofSeconds(15),
                "salesforce_id",
                ConflictPolicy.LastWriteWins,
                TwoWaySettings.DEFAULT_PAGE_SIZE,
                TwoWaySettings.DEFAULT_SETTLE));
  }

  @Test
  void withoutSpecTwoWayTheSyncIsOneWay(@TempDir Path dir) throws Exception {
    assertThat(load(dir, "").twoWay()).isNull();
  }

  @Test
  void theDefaultsAreThirtySecondsAndSourceWins(@TempDir Path dir) throws Exception {
    TwoWaySettings twoWay = load(dir, "  twoWay: {destinationIdColumn: salesforce_id}").twoWay();
    assertThat(twoWay.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(twoWay.conflictPolicy()).isEqualTo(ConflictPolicy.SourceWins);
  }
}
