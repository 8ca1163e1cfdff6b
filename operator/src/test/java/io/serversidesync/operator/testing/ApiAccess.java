package io.serversidesync.operator.testing;

import io.serversidesync.operator.rbac.Permission;
import java.util.List;
import java.util.Optional;

/**
 * An API request as RBAC sees it: verb, group, resource (with subresource).
 *
 * @param verb get, list, watch, create, update, patch, delete or deletecollection
 * @param group the API group, "" for the core group
 * @param resource the plural resource, with "/subresource" for subresources
 */
public record ApiAccess(String verb, String group, String resource) {

  /** The access a request needs; empty for discovery and /version (allowed to every client). */
  public static Optional<ApiAccess> of(ApiRequest request) {
    String[] parts = request.resourcePath().replaceFirst("^/", "").split("/");
    int i;
    String group;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      i = 2;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      i = 3;
    } else {
      return Optional.empty();
    }
    if (parts.length > i + 1 && parts[i].equals("namespaces")) {
      i += 2;
    }
    if (parts.length <= i) {
      return Optional.empty();
    }
    String resource = parts[i];
    boolean named = parts.length > i + 1;
    if (parts.length > i + 2) {
      resource = resource + "/" + parts[i + 2];
    }
    String verb =
        switch (request.method()) {
          case "GET" -> named ? "get" : request.path().contains("watch=true") ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> request.method().toLowerCase(java.util.Locale.ROOT);
        };
    return Optional.of(new ApiAccess(verb, group, resource));
  }

  /** Whether one of the rules grants this access. */
  public boolean allowedBy(List<Permission> rules) {
    return rules.stream()
        .anyMatch(
            p ->
                p.apiGroup().equals(group)
                    && p.resource().equals(resource)
                    && p.verbs().contains(verb));
  }

  @Override
  public String toString() {
    return verb + " " + group + "/" + resource;
  }
}
