package io.serversidesync.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.harness.postgres.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files the demo's runners read: the examples pointed at the local Postgres and sandbox. */
final class DemoFiles {

  private DemoFiles() {}

  /** Renders {@code example} (a path under examples/) with the local Postgres and sandbox. */
  static void writeConfig(
      Path root,
      String example,
      PostgresDatabase db,
      String sandboxUrl,
      boolean triggers,
      Path target)
      throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode manifest = (ObjectNode) yaml.readTree(root.resolve(example).toFile());
    ObjectNode postgres = (ObjectNode) manifest.at("/spec/source/postgres");
    postgres
        .put("host", db.host())
        .put("port", db.port())
        .put("database", db.name())
        .put("sslMode", "disable");
    postgres.remove("sslRootCertSecretRef");
    ((ObjectNode) manifest.at("/spec/destination/salesforce")).put("loginUrl", sandboxUrl);
    if (triggers) {
      ((ObjectNode) manifest.at("/spec/source")).put("capture", "Triggers");
    }
    Files.writeString(
        target,
        "# Rendered by make demo from "
            + example
            + ": local Postgres and sandbox.\n"
            + yaml.writeValueAsString(manifest));
  }

  /** The Secrets both examples reference (app-db, sf-oauth), readable by the owner only. */
  static void writeSecrets(PostgresDatabase db, String clientId, String clientSecret, Path target)
      throws IOException {
    String text =
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: app-db}
        stringData: {username: "%s", password: "%s"}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: sf-oauth}
        stringData: {clientId: "%s", clientSecret: "%s"}
        """
            .formatted(db.user(), db.password(), clientId, clientSecret);
    Files.writeString(target, text);
    target.toFile().setReadable(false, false);
    target.toFile().setReadable(true, true);
  }
}
