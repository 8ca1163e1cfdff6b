package io.serversidesync.runner.cli;

import io.serversidesync.harness.postgres.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a sync manifest and its Secrets file for a table in the test database. */
final class Manifests {

  private Manifests() {}

  static Path manifest(Path dir, PostgresDatabase db, String name, String table, String extra)
      throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        apiVersion: serversidesync.io/v1alpha1
        kind: ServerSideSync
        metadata:
          name: %s
        spec:
          source:
            postgres:
              host: %s
              port: %d
              database: %s
              credentialsSecretRef: {name: app-db}
              sslMode: disable
            table: public.%s
            upsertKey: ref
          destination:
            salesforce:
              loginUrl: https://acme.my.salesforce.com
              apiVersion: "64.0"
              auth: {flow: ClientCredentials, secretRef: {name: sf-oauth}}
            object: Contact
            externalIdField: Ref__c
          mapping:
            - {column: ref, field: Ref__c}
            - {column: v, field: V__c}
        %s"""
            .formatted(name, db.host(), db.port(), db.name(), table, extra));
    return file;
  }

  /** The same Secrets as {@link #secrets}, as the operator mounts them: DIR/secret/key. */
  static Path mountedSecrets(Path dir, PostgresDatabase db) throws IOException {
    Path root = dir.resolve("mounted");
    Files.createDirectories(root.resolve("app-db"));
    Files.createDirectories(root.resolve("sf-oauth"));
    Files.writeString(root.resolve("app-db/username"), db.user());
    Files.writeString(root.resolve("app-db/password"), db.password());
    Files.writeString(root.resolve("sf-oauth/clientId"), "id");
    Files.writeString(root.resolve("sf-oauth/clientSecret"), "secret");
    return root;
  }

  static Path secrets(Path dir, PostgresDatabase db) throws IOException {
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: app-db}
        stringData:
          username: %s
        data:
          password: %s
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: sf-oauth}
        stringData: {clientId: id, clientSecret: secret}
        """
            .formatted(
                db.user(), java.util.Base64.getEncoder().encodeToString(db.password().getBytes())));
    return file;
  }
}
