package io.serversidesync.sandbox.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches path segments against patterns such as {@code sobjects/{sobject}/describe}; the first
 * registered pattern that matches wins, so literal routes go before variable ones.
 */
public final class Router<C> {
  private record Route<C>(String method, List<String> pattern, String name, Handler<C> handler) {}

  /** The outcome of matching a request. */
  public sealed interface Match<C> {}

  public record Found<C>(String name, Handler<C> handler, Map<String, String> params)
      implements Match<C> {}

  public record MethodNotAllowed<C>(String name, Set<String> allowed) implements Match<C> {}

  public record NotFound<C>() implements Match<C> {}

  private final List<Route<C>> routes = new ArrayList<>();

  public Router<C> add(String method, String pattern, String name, Handler<C> handler) {
    List<String> parts = pattern.isEmpty() ? List.of() : List.of(pattern.split("/"));
    routes.add(new Route<>(method, parts, name, handler));
    return this;
  }

  public Match<C> match(String method, List<String> segments) {
    Set<String> allowed = new LinkedHashSet<>();
    String pathName = null;
    for (Route<C> r : routes) {
      Map<String, String> params = bind(r.pattern(), segments);
      if (params == null) {
        continue;
      }
      if (r.method().equals(method)) {
        return new Found<>(r.name(), r.handler(), params);
      }
      if (pathName == null) {
        pathName = r.name();
      }
      allowed.add(r.method());
    }
    if (!allowed.isEmpty()) {
      return new MethodNotAllowed<>(pathName, allowed);
    }
    return new NotFound<>();
  }

  private static Map<String, String> bind(List<String> pattern, List<String> segments) {
    if (pattern.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      String s = segments.get(i);
      if (p.startsWith("{") && p.endsWith("}")) {
        params.put(p.substring(1, p.length() - 1), s);
      } else if (!p.equalsIgnoreCase(s)) {
        return null;
      }
    }
    return params;
  }
}
