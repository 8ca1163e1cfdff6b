package io.serversidesync.operator.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API server that only answers discovery (which kinds exist, in which group and version,
 * namespaced or not) and "not found" for every object: enough for {@code kubectl apply
 * --dry-run=client} to map each manifest to a resource and decide it would be created.
 */
final class DiscoveryOnlyApiServer implements AutoCloseable {

  private record Kind(String kind, String plural, boolean namespaced) {}

  private static final Map<String, List<Kind>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put(
        "v1",
        List.of(
            new Kind("Namespace", "namespaces", false),
            new Kind("ServiceAccount", "serviceaccounts", true),
            new Kind("Secret", "secrets", true),
            new Kind("ConfigMap", "configmaps", true),
            new Kind("Service", "services", true),
            new Kind("Event", "events", true)));
    GROUPS.put("apps/v1", List.of(new Kind("Deployment", "deployments", true)));
    GROUPS.put("batch/v1", List.of(new Kind("Job", "jobs", true)));
    GROUPS.put("policy/v1", List.of(new Kind("PodDisruptionBudget", "poddisruptionbudgets", true)));
    GROUPS.put("networking.k8s.io/v1", List.of(new Kind("NetworkPolicy", "networkpolicies", true)));
    GROUPS.put(
        "rbac.authorization.k8s.io/v1",
        List.of(
            new Kind("ClusterRole", "clusterroles", false),
            new Kind("ClusterRoleBinding", "clusterrolebindings", false),
            new Kind("Role", "roles", true),
            new Kind("RoleBinding", "rolebindings", true)));
    GROUPS.put(
        "apiextensions.k8s.io/v1",
        List.of(new Kind("CustomResourceDefinition", "customresourcedefinitions", false)));
    GROUPS.put("coordination.k8s.io/v1", List.of(new Kind("Lease", "leases", true)));
    GROUPS.put(
        "serversidesync.io/v1alpha1", List.of(new Kind("ServerSideSync", "serversidesyncs", true)));
    GROUPS.put(
        "monitoring.coreos.com/v1", List.of(new Kind("ServiceMonitor", "servicemonitors", true)));
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final Path kubeconfig;

  DiscoveryOnlyApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(
        kubeconfig,
        "apiVersion: v1\nkind: Config\nclusters: [{name: d, cluster: {server: \"http://127.0.0.1:"
            + server.getAddress().getPort()
            + "\"}}]\ncontexts: [{name: d, context: {cluster: d, namespace: default}}]\n"
            + "current-context: d\nusers: [{name: d, user: {}}]\n");
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public void close() {
    server.stop(0);
    try {
      Files.deleteIfExists(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    ObjectNode body = null;
    if (path.equals("/api")) {
      body = JSON.createObjectNode().put("kind", "APIVersions");
      body.putArray("versions").add("v1");
      body.putArray("serverAddressByClientCIDRs")
          .addObject()
          .put("clientCIDR", "0.0.0.0/0")
          .put("serverAddress", "127.0.0.1");
    } else if (path.equals("/apis")) {
      body = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
      ArrayNode groups = body.putArray("groups");
      GROUPS.keySet().stream()
          .filter(gv -> gv.contains("/"))
          .forEach(
              gv -> {
                String[] parts = gv.split("/");
                ObjectNode g = groups.addObject().put("name", parts[0]);
                g.putArray("versions").addObject().put("groupVersion", gv).put("version", parts[1]);
                g.putObject("preferredVersion").put("groupVersion", gv).put("version", parts[1]);
              });
    } else {
      String gv =
          path.startsWith("/api/")
              ? path.substring(5)
              : path.startsWith("/apis/") ? path.substring(6) : null;
      if (gv != null && GROUPS.containsKey(gv)) {
        body = JSON.createObjectNode().put("kind", "APIResourceList").put("groupVersion", gv);
        ArrayNode resources = body.putArray("resources");
        for (Kind k : GROUPS.get(gv)) {
          ObjectNode r =
              resources
                  .addObject()
                  .put("name", k.plural())
                  .put("singularName", k.kind().toLowerCase(java.util.Locale.ROOT))
                  .put("namespaced", k.namespaced())
                  .put("kind", k.kind());
          r.putArray("verbs").add("create").add("get").add("list").add("patch").add("delete");
        }
      }
    }
    byte[] bytes;
    int code;
    if (body == null) {
      code = 404;
      bytes =
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
              .getBytes(StandardCharsets.UTF_8);
    } else {
      code = 200;
      bytes = JSON.writeValueAsBytes(body);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
