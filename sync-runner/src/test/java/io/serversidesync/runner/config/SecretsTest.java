package io.serversidesync.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.pg.Sql;
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
    // a misspelled name says the Secret does not exist, and which ones do
    assertThatThrownBy(() -> secrets.get("sf-oaut", "clientId"))
        .isInstanceOf(SecretLookup.SecretNotFoundException.class)
        .hasMessage("Secret \"sf-oaut\" does not exist in s.yaml (it holds: db, sf)");
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

  /** A key given twice would silently lose one value; the message names the key, not a value. */
  @Test
  void aKeyGivenTwiceIsRefused() {
    assertThatThrownBy(
            () ->
                SecretManifests.parse(
                    "s.yaml",
                    "kind: Secret\nmetadata: {name: db}\nstringData:\n  password: first-hunter2\n"
                        + "  password: second-hunter2\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Duplicate field 'password'")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aFileThatIsNotUtf8SaysSo() throws Exception {
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(
        latin1,
        "kind: Secret\nmetadata: {name: db}\nstringData: {password: caf\u00e9}\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> SecretManifests.read(latin1))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--secrets " + latin1 + ": is not UTF-8 text; save it as UTF-8");
  }

  @Test
  void mountedSecretsReadOneFilePerKey() throws Exception {
    Files.createDirectories(dir.resolve("db"));
    Files.writeString(dir.resolve("db/password"), "p@ss\n");
    MountedSecrets secrets = new MountedSecrets(dir);
    assertThat(secrets.get("db", "password")).isEqualTo("p@ss\n");
    assertThatThrownBy(() -> secrets.get("db", "user"))
        .hasMessageContaining("Secret \"db\" has no key \"user\"");
    assertThatThrownBy(() -> secrets.get("sf", "k"))
        .isInstanceOf(SecretLookup.SecretNotFoundException.class)
        .hasMessageContaining("is not mounted at")
        .hasMessageContaining("(mounted: db)");
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
    assertThat(Sql.qualified(s.schema(), s.table())).isEqualTo("\"public\".\"contacts\"");
  }
}
