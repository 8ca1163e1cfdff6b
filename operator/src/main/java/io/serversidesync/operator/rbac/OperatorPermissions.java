package io.serversidesync.operator.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything the operator asks of the API server, split by where: in the namespaces it watches (a
 * ClusterRole when it watches all of them, a Role in each otherwise) and in its own namespace (the
 * leader-election Lease).
 *
 * @param watched rules for the watched namespaces, one per resource, sorted
 * @param ownNamespace rules for the operator's own namespace
 */
public record OperatorPermissions(List<Permission> watched, List<Permission> ownNamespace) {

  public OperatorPermissions {
    watched = merge(watched);
    ownNamespace = merge(ownNamespace);
  }

  /** One rule per (group, resource) with the union of the verbs, sorted by group and resource. */
  public static List<Permission> merge(Collection<Permission> permissions) {
    Map<String, Permission> byResource = new LinkedHashMap<>();
    for (Permission p : permissions) {
      String key = p.apiGroup() + "/" + p.resource();
      Permission before = byResource.get(key);
      if (before == null) {
        byResource.put(key, p);
      } else {
        TreeSet<String> verbs = new TreeSet<>(before.verbs());
        verbs.addAll(p.verbs());
        byResource.put(key, new Permission(p.apiGroup(), p.resource(), verbs));
      }
    }
    List<Permission> out = new ArrayList<>(byResource.values());
    out.sort(Comparator.comparing(Permission::apiGroup).thenComparing(Permission::resource));
    return List.copyOf(out);
  }
}
