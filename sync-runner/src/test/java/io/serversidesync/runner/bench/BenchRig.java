package io.serversidesync.runner.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.salesforce.SalesforceRest;
import io.serversidesync.harness.workload.AccountsTable;
import io.serversidesync.harness.workload.ContactsTable;
import io.serversidesync.runner.config.ConfigException;
import io.serversidesync.runner.config.SecretManifests;
import io.serversidesync.runner.config.SettingsLoader;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an end-to-end benchmark runs against: a disposable Postgres (scripts/pg-up.sh), the
 * Salesforce sandbox in this JVM, and manifests rendered from examples/contacts-salesforce.yaml for
 * the real runner, which runs in its own JVM.
 */
final class BenchRig implements AutoCloseable {

  private final Path repo;
  private final Path work;
  private final PostgresCluster cluster;
  private final Sandbox sandbox;
  private final String runnerClassPath;
  private final List<String> runnerJvmOptions;

  /**
   * @param name the benchmark's name: its files go to target/bench/work/&lt;name&gt;, emptied first
   * @param runnerClassPath the runner jar, optionally preceded by benchmark classes
   * @param runnerJvmOptions e.g. heap and collector of the runner's JVM
   */
  BenchRig(Path repo, String name, String runnerClassPath, List<String> runnerJvmOptions)
      throws IOException {
    this.repo = repo;
    this.runnerClassPath = runnerClassPath;
    this.runnerJvmOptions = List.copyOf(runnerJvmOptions);
    this.work = Files.createDirectories(repo.resolve("target/bench/work").resolve(name));
    try (var old = Files.newDirectoryStream(work)) {
      for (Path f : old) {
        Files.delete(f);
      }
    }
    this.cluster = PostgresCluster.start();
    try {
      this.sandbox =
          Sandbox.start(SandboxConfig.builder().port(0).dailyApiLimit(10_000_000).build());
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  Sandbox sandbox() {
    return sandbox;
  }

  Path work() {
    return work;
  }

  /** A fresh database with an empty contacts table. */
  PostgresDatabase contactsDatabase(String name) {
    PostgresDatabase db = cluster.createDatabase(name);
    db.execute(ContactsTable.DDL);
    return db;
  }

  /**
   * Writes the example manifest pointed at {@code db} and the sandbox, with {@code edit} applied to
   * its spec, and the Secrets it references; returns the manifest's path.
   */
  Path manifest(String sync, PostgresDatabase db, Consumer<ObjectNode> edit) throws IOException {
    ObjectNode manifest = render("examples/contacts-salesforce.yaml", sync, db);
    ObjectNode spec = (ObjectNode) manifest.get("spec");
    ((ObjectNode) spec.at("/destination/salesforce")).put("loginUrl", sandbox.baseUrl());
    edit.accept(spec);
    return write(
        sync,
        manifest,
        db,
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: sf-oauth}
        stringData: {clientId: "%s", clientSecret: "%s"}
        """
            .formatted(SandboxConfig.DEFAULT_CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_SECRET));
  }

  /**
   * As {@link #manifest}, from examples/contacts-hubspot.yaml: the sandbox's HubSpot API, reached
   * with the private app token {@code token}.
   */
  Path hubSpotManifest(String sync, PostgresDatabase db, String token) throws IOException {
    ObjectNode manifest = render("examples/contacts-hubspot.yaml", sync, db);
    ((ObjectNode) manifest.at("/spec/destination/hubspot")).put("baseUrl", sandbox.baseUrl());
    return write(
        sync,
        manifest,
        db,
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: hubspot-private-app}
        stringData: {accessToken: "%s"}
        """
            .formatted(token));
  }

  /** The example's manifest named {@code sync}, pointed at {@code db}. */
  private ObjectNode render(String example, String sync, PostgresDatabase db) throws IOException {
    ObjectNode manifest = (ObjectNode) new YAMLMapper().readTree(repo.resolve(example).toFile());
    ((ObjectNode) manifest.get("metadata")).put("name", sync);
    ObjectNode spec = (ObjectNode) manifest.get("spec");
    ObjectNode postgres = (ObjectNode) spec.at("/source/postgres");
    postgres
        .put("host", db.host())
        .put("port", db.port())
        .put("database", db.name())
        .put("sslMode", "disable");
    postgres.remove("sslRootCertSecretRef");
    String logLevel = System.getenv("BENCH_LOG_LEVEL");
    if (logLevel != null && !logLevel.isBlank()) {
      spec.putObject("runner").put("logLevel", logLevel);
    }
    return manifest;
  }

  /** Writes the manifest and its Secrets (app-db, then the destination's); returns its path. */
  private Path write(
      String sync, ObjectNode manifest, PostgresDatabase db, String destinationSecret)
      throws IOException {
    Path config = work.resolve(sync + ".yaml");
    Files.writeString(config, new YAMLMapper().writeValueAsString(manifest));
    Path secrets = secrets(sync);
    Files.deleteIfExists(secrets);
    Files.createFile(
        secrets,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        secrets,
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: app-db}
        stringData: {username: "%s", password: "%s"}
        ---
        """
                .formatted(db.user(), db.password())
            + destinationSecret);
    return config;
  }

  /** Adds {column, field} to the manifest's mapping. */
  static void map(ObjectNode spec, String column, String field) {
    ((ArrayNode) spec.get("mapping")).addObject().put("column", column).put("field", field);
  }

  /**
   * Creates the accounts {@link io.serversidesync.harness.workload.ContactsLoad} names in the
   * sandbox, directly: they are not the sync's, so a benchmark resets the call counts after.
   */
  void createAccounts(int count) {
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      accounts.add(Map.of("Account_Ref__c", AccountsTable.key(i), "Name", "Account " + i));
    }
    new SalesforceRest(sandbox.baseUrl(), "64.0", sandbox::issueAccessToken)
        .create("Account", accounts);
  }

  /** Starts the runner for a manifest written by {@link #manifest}. */
  BenchRunner runner(Path config, Map<String, String> systemProperties) throws IOException {
    List<String> options = new ArrayList<>(runnerJvmOptions);
    systemProperties.forEach((k, v) -> options.add("-D" + k + "=" + v));
    String sync = config.getFileName().toString().replaceFirst("\\.yaml$", "");
    return BenchRunner.start(
        runnerClassPath, options, config, secrets(sync), work.resolve(sync + "-runner.log"));
  }

  /** The settings the runner resolves from a manifest written by {@link #manifest}. */
  SyncSettings settings(Path config) throws ConfigException {
    String sync = config.getFileName().toString().replaceFirst("\\.yaml$", "");
    return SettingsLoader.load(config, SecretManifests.read(secrets(sync))).settings();
  }

  private Path secrets(String sync) {
    return work.resolve(sync + "-secrets.yaml");
  }

  @Override
  public void close() throws IOException {
    try (var secretFiles = Files.newDirectoryStream(work, "*-secrets.yaml")) {
      for (Path f : secretFiles) {
        Files.delete(f);
      }
    }
    try {
      sandbox.close();
    } finally {
      cluster.close();
    }
  }
}
