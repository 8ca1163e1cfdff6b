package io.serversidesync.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.runner.destination.SecretLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

  @TempDir Path dir;

  @Test
  void secretManifestsReadDataAndStringDataAcrossDocumentsAndLists() throws Exception {
    SecretManifests secrets =
        SecretManifests.parse(
            "s.yaml",
            """
            apiVersion: v1
            kind: Secret
            metadata: {name: db}
            data: {password: c2VjcmV0LXZhbHVl}
            stringData: {username: app}
            ---
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: Secret, metadata: {name: sf}, stringData: {clientId: abc}}
            """);
    assertThat(secrets.get("db", "password")).isEqualTo("secret-value");
    assertThat(secrets.get("db", "username")).isEqualTo("app");
    assertThat(secrets.get("sf", "clientId")).isEqualTo("abc");
    assertThatThrownBy(() -> secrets.get("db", "nope"))
        .isInstanceOf(SecretLookup.MissingSecretException.class)
        .hasMessage("Secret \"db\" in s.yaml has no key \"nope\"");
    assertThatThrownBy(() -> secrets.get("other", "k")).hasMessageContaining("is not in s.yaml");
  }

  @Test
  void badSecretFilesFailWithoutEchoingValues() {
    assertThatThrownBy(
            () ->
                SecretManifests.parse(
                    "s.yaml",
                    "kind: Secret\nmetadata: {name: x}\ndata: {password: 'not base64!!'}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("data.password of Secret x is not base64")
        .hasMessageNotContaining("not base64!!");
    assertThatThrownBy(
            () -> SecretManifests.parse("s.yaml", "kind: ConfigMap\nmetadata: {name: x}\n"))
        .hasMessageContaining("expected Secret");
    assertThatThrownBy(
            () -> SecretManifests.parse("s.yaml", "kind: Secret\n  password: [hunter2\n"))
        .hasMessageContaining("not valid YAML")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void mountedSecretsReadOneFilePerKey() throws Exception {
    Files.createDirectories(dir.resolve("db"));
    Files.writeString(dir.resolve("db/password"), "p@ss\n");
    MountedSecrets secrets = new MountedSecrets(dir);
    assertThat(secrets.get("db", "password")).isEqualTo("p@ss\n");
    assertThatThrownBy(() -> secrets.get("db", "user"))
        .hasMessageContaining("Secret \"db\" has no key \"user\"");
    assertThatThrownBy(() -> secrets.get("sf", "k")).hasMessageContaining("is not mounted at");
    assertThatThrownBy(() -> secrets.get("../etc", "passwd")).hasMessageContaining("invalid");
    assertThat(new MountedSecrets(Path.of(RunnerContract.SECRETS_DIR))).isNotNull();
  }

  @Test
  void theExampleManifestResolvesIntoSettings() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    LoadedSync loaded =
        SettingsLoader.load(
            root.resolve("examples/contacts-salesforce.yaml"),
            SecretManifests.read(root.resolve("examples/contacts-salesforce-secrets.yaml")));
    SyncSettings s = loaded.settings();
    assertThat(s.name()).isEqualTo("contacts-to-salesforce");
    assertThat(s.replicationName()).isEqualTo("sss_contacts_to_salesforce");
    assertThat(s.schema()).isEqualTo("public");
    assertThat(s.table()).isEqualTo("contacts");
    assertThat(s.keyField()).isZero();
    assertThat(s.postgres().user()).isEqualTo("sss_replicator");
    assertThat(s.postgres().sslRootCertPem()).contains("BEGIN CERTIFICATE");
    assertThat(s.postgres().toString()).doesNotContain("change-me");
    assertThat(s.maxPendingBytes()).isEqualTo(256L << 20);
    assertThat(s.quotedTable()).isEqualTo("\"public\".\"contacts\"");
  }
}
