package io.serversidesync.operator.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the addresses in a runner's manifest lead to on this machine, as a cluster's DNS and
 * Services would resolve them: a Postgres Service ({@code app-db.default.svc:5432}) is the test's
 * disposable Postgres, a Salesforce My Domain is the sandbox. The operator renders the manifest
 * unchanged; the harness gives the runner a resolved copy, so no test concern reaches the
 * operator's code.
 *
 * <p>Three things go beyond name resolution, each because the test machine differs from the cluster
 * the example describes: the database name (the test's database is fresh per test class), {@code
 * sslMode: disable} (the disposable Postgres serves no TLS) and the login URL's scheme (the sandbox
 * speaks plain HTTP). An address that is not mapped stays as it is, and the runner fails to resolve
 * it, as in a cluster without that Service.
 */
public final class ClusterNetwork {

  private static final YAMLMapper YAML = new YAMLMapper();

  /** Where a Postgres Service of the manifest really is. */
  private record PostgresTarget(String host, int port, String database) {}

  private final Map<String, PostgresTarget> postgres;
  private final Map<String, String> urls;

  private ClusterNetwork(Map<String, PostgresTarget> postgres, Map<String, String> urls) {
    this.postgres = Map.copyOf(postgres);
    this.urls = Map.copyOf(urls);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Writes the manifest at {@code manifest} with its addresses resolved to {@code target}. */
  public void resolve(Path manifest, Path target) throws IOException {
    JsonNode root = YAML.readTree(manifest.toFile());
    JsonNode pg = root.at("/spec/source/postgres");
    if (pg instanceof ObjectNode source) {
      PostgresTarget to =
          postgres.get(
              key(source.path("host").asText(), source.path("port").asInt(5432))
                  + "/"
                  + source.path("database").asText());
      if (to != null) {
        source
            .put("host", to.host())
            .put("port", to.port())
            .put("database", to.database())
            .put("sslMode", "disable");
      }
    }
    JsonNode salesforce = root.at("/spec/destination/salesforce");
    if (salesforce instanceof ObjectNode destination) {
      String url = urls.get(destination.path("loginUrl").asText());
      if (url != null) {
        destination.put("loginUrl", url);
      }
    }
    JsonNode hubspot = root.at("/spec/destination/hubspot");
    if (hubspot instanceof ObjectNode destination) {
      String url = urls.get(destination.path("baseUrl").asText());
      if (url != null) {
        destination.put("baseUrl", url);
      }
    }
    Files.createDirectories(target.getParent());
    Files.writeString(target, YAML.writeValueAsString(root));
  }

  private static String key(String host, int port) {
    return host + ":" + port;
  }

  public static final class Builder {
    private final Map<String, PostgresTarget> postgres = new HashMap<>();
    private final Map<String, String> urls = new HashMap<>();

    /** The Postgres Service {@code service:servicePort}, database {@code database}, is here. */
    public Builder postgres(
        String service, int servicePort, String database, String host, int port, String actual) {
      postgres.put(
          key(service, servicePort) + "/" + database, new PostgresTarget(host, port, actual));
      return this;
    }

    /**
     * A URL of the manifest (a Salesforce login URL, a HubSpot base URL) is served at {@code
     * actual}.
     */
    public Builder url(String url, String actual) {
      urls.put(url, actual);
      return this;
    }

    public ClusterNetwork build() {
      return new ClusterNetwork(postgres, urls);
    }
  }
}
