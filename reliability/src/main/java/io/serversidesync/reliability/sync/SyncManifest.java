package io.serversidesync.reliability.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ServerSideSync manifest for the runner's {@code --config}, built field by field. The Secrets it
 * names are {@link #DB_SECRET} (username, password, ca.crt) and {@link #OAUTH_SECRET}.
 */
public final class SyncManifest {

  public static final String DB_SECRET = "source-db";
  public static final String OAUTH_SECRET = "destination-oauth";

  private static final YAMLMapper YAML = new YAMLMapper();

  private final String name;
  private String host = "127.0.0.1";
  private int port = 5432;
  private String database;
  private String sslMode = "disable";
  private boolean rootCert;
  private String table;
  private String upsertKey;
  private String loginUrl;
  private String flow = "ClientCredentials";
  private String object;
  private String externalIdField;
  private final Map<String, String> mapping = new LinkedHashMap<>();
  private String deletes = "Ignore";
  private final Map<String, Object> batching = new LinkedHashMap<>();
  private final Map<String, Object> rateLimit = new LinkedHashMap<>();
  private String logLevel;
  private Map<String, String> twoWay;

  public SyncManifest(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public SyncManifest postgres(String host, int port, String database) {
    this.host = host;
    this.port = port;
    this.database = database;
    return this;
  }

  /** libpq sslmode; {@code withRootCert} points sslRootCertSecretRef at key ca.crt. */
  public SyncManifest ssl(String mode, boolean withRootCert) {
    this.sslMode = mode;
    this.rootCert = withRootCert;
    return this;
  }

  public SyncManifest table(String table, String upsertKey) {
    this.table = table;
    this.upsertKey = upsertKey;
    return this;
  }

  public SyncManifest salesforce(String loginUrl, String flow, String object, String externalId) {
    this.loginUrl = loginUrl;
    this.flow = flow;
    this.object = object;
    this.externalIdField = externalId;
    return this;
  }

  public SyncManifest map(String column, String field) {
    mapping.put(column, field);
    return this;
  }

  public SyncManifest deletes(String policy) {
    this.deletes = policy;
    return this;
  }

  public SyncManifest batching(String key, Object value) {
    batching.put(key, value);
    return this;
  }

  public SyncManifest rateLimit(String key, Object value) {
    rateLimit.put(key, value);
    return this;
  }

  /** spec.twoWay: the reverse direction with its poll interval, id column and conflict policy. */
  public SyncManifest twoWay(String pollInterval, String destinationIdColumn, String policy) {
    this.twoWay = new LinkedHashMap<>();
    twoWay.put("pollInterval", pollInterval);
    twoWay.put("destinationIdColumn", destinationIdColumn);
    twoWay.put("conflictPolicy", policy);
    return this;
  }

  public SyncManifest logLevel(String level) {
    this.logLevel = level;
    return this;
  }

  /** The manifest as YAML. */
  public String yaml() {
    ObjectNode root = YAML.createObjectNode();
    root.put("apiVersion", "serversidesync.io/v1alpha1").put("kind", "ServerSideSync");
    root.putObject("metadata").put("name", name);
    ObjectNode spec = root.putObject("spec");
    ObjectNode source = spec.putObject("source");
    ObjectNode postgres = source.putObject("postgres");
    postgres.put("host", host).put("port", port).put("database", database);
    postgres.putObject("credentialsSecretRef").put("name", DB_SECRET);
    postgres.put("sslMode", sslMode);
    if (rootCert) {
      postgres.putObject("sslRootCertSecretRef").put("name", DB_SECRET).put("key", "ca.crt");
    }
    source.put("table", table).put("upsertKey", upsertKey);
    ObjectNode destination = spec.putObject("destination");
    ObjectNode salesforce = destination.putObject("salesforce");
    salesforce.put("loginUrl", loginUrl).put("apiVersion", "64.0");
    ObjectNode auth = salesforce.putObject("auth").put("flow", flow);
    auth.putObject("secretRef").put("name", OAUTH_SECRET);
    destination.put("object", object).put("externalIdField", externalIdField);
    var list = spec.putArray("mapping");
    mapping.forEach((column, field) -> list.addObject().put("column", column).put("field", field));
    spec.put("deletes", deletes);
    if (!batching.isEmpty()) {
      spec.set("batching", YAML.valueToTree(batching));
    }
    if (!rateLimit.isEmpty()) {
      spec.set("rateLimit", YAML.valueToTree(rateLimit));
    }
    if (twoWay != null) {
      spec.set("twoWay", YAML.valueToTree(twoWay));
    }
    if (logLevel != null) {
      spec.putObject("runner").put("logLevel", logLevel);
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the manifest to {@code file}. */
  public Path write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, yaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
