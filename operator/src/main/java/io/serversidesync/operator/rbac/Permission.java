package io.serversidesync.operator.rbac;

import java.util.Set;
import java.util.TreeSet;

/**
 * Verbs the operator uses on one API resource, as an RBAC rule states them. Each part of the
 * operator that talks to the API server declares its permissions; the Helm chart's RBAC is checked
 * against their union.
 *
 * @param apiGroup the API group, "" for the core group
 * @param resource the plural resource name, with "/subresource" for subresources
 * @param verbs get, list, watch, create, update, patch, delete
 */
public record Permission(String apiGroup, String resource, Set<String> verbs) {

  public Permission {
    verbs = Set.copyOf(new TreeSet<>(verbs));
  }

  public static Permission of(String apiGroup, String resource, String... verbs) {
    return new Permission(apiGroup, resource, Set.of(verbs));
  }
}
