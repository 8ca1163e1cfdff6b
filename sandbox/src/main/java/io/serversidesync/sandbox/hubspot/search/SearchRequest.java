package io.serversidesync.sandbox.hubspot.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed search body with HubSpot's limits enforced: {@code limit} ≤ 200, {@code after + limit} ≤
 * 10,000, ≤ 5 filter groups, ≤ 10 filters per group, ≤ 25 filters in all.
 *
 * @param groups filter groups (OR of ANDs); none matches every record
 * @param sorts sort keys in order (ties end on hs_object_id ascending)
 * @param limit page size
 * @param after offset of the page
 */
public record SearchRequest(List<List<Filter>> groups, List<Sort> sorts, int limit, int after) {
  public static final int MAX_LIMIT = 200;
  public static final int MAX_RESULTS = 10_000;
  public static final int MAX_GROUPS = 5;
  public static final int MAX_FILTERS_PER_GROUP = 10;
  public static final int MAX_FILTERS = 25;
  static final int DEFAULT_LIMIT = 10;

  public SearchRequest {
    groups = groups.stream().map(List::copyOf).toList();
    sorts = List.copyOf(sorts);
  }

  public static SearchRequest parse(HubSpotObject object, JsonNode body)
      throws InvalidSearchException {
    int limit = integer(body.get("limit"), "limit", DEFAULT_LIMIT);
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new InvalidSearchException(
          "limit must be between 0 and " + MAX_LIMIT + ", got " + limit + ".");
    }
    int after = integer(body.get("after"), "after", 0);
    if (after < 0) {
      throw new InvalidSearchException("after must not be negative, got " + after + ".");
    }
    if ((long) after + limit > MAX_RESULTS) {
      throw new InvalidSearchException(
          "A search returns at most "
              + MAX_RESULTS
              + " results: after ("
              + after
              + ") + limit ("
              + limit
              + ") exceeds "
              + MAX_RESULTS
              + ". Narrow the filters instead of paging further.");
    }
    return new SearchRequest(
        groups(object, body.get("filterGroups")), sorts(object, body), limit, after);
  }

  private static List<List<Filter>> groups(HubSpotObject object, JsonNode groups)
      throws InvalidSearchException {
    List<List<Filter>> out = new ArrayList<>();
    if (groups == null || groups.isNull()) {
      return out;
    }
    if (!groups.isArray()) {
      throw new InvalidSearchException("filterGroups must be an array.");
    }
    if (groups.size() > MAX_GROUPS) {
      throw new InvalidSearchException(
          "A search may have at most " + MAX_GROUPS + " filterGroups, got " + groups.size() + ".");
    }
    int total = 0;
    for (JsonNode group : groups) {
      JsonNode filters = group.path("filters");
      if (filters.size() > MAX_FILTERS_PER_GROUP) {
        throw new InvalidSearchException(
            "A filterGroup may have at most "
                + MAX_FILTERS_PER_GROUP
                + " filters, got "
                + filters.size()
                + ".");
      }
      total += filters.size();
      if (total > MAX_FILTERS) {
        throw new InvalidSearchException(
            "A search may have at most " + MAX_FILTERS + " filters in all its filterGroups.");
      }
      List<Filter> parsed = new ArrayList<>();
      for (JsonNode f : filters) {
        parsed.add(filter(object, f));
      }
      out.add(parsed);
    }
    return out;
  }

  private static Filter filter(HubSpotObject object, JsonNode f) throws InvalidSearchException {
    PropertyDef def = property(object, f.path("propertyName").asText(""));
    Operator op;
    try {
      op = Operator.valueOf(f.path("operator").asText("EQ").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSearchException(
          "Unsupported filter operator " + f.path("operator").asText() + ".");
    }
    List<Comparable<?>> keys = new ArrayList<>();
    if (op == Operator.IN) {
      for (JsonNode v : f.path("values")) {
        keys.add(key(def, v));
      }
      if (keys.isEmpty()) {
        throw new InvalidSearchException("The IN operator needs values.");
      }
    } else if (op != Operator.HAS_PROPERTY && op != Operator.NOT_HAS_PROPERTY) {
      keys.add(key(def, f.get("value")));
    }
    return new Filter(def, op, keys);
  }

  private static Comparable<?> key(PropertyDef def, JsonNode value) throws InvalidSearchException {
    if (value == null || value.isNull() || value.isContainerNode()) {
      throw new InvalidSearchException("The filter on " + def.name() + " needs a value.");
    }
    return ComparableValues.filterKey(def, value.asText())
        .orElseThrow(
            () ->
                new InvalidSearchException(
                    "\""
                        + value.asText()
                        + "\" is not a valid "
                        + def.type().wireName()
                        + " value for "
                        + def.name()
                        + "."));
  }

  private static List<Sort> sorts(HubSpotObject object, JsonNode body)
      throws InvalidSearchException {
    List<Sort> out = new ArrayList<>();
    for (JsonNode s : body.path("sorts")) {
      if (s.isTextual()) {
        String t = s.asText();
        boolean desc = t.startsWith("-");
        out.add(new Sort(property(object, desc ? t.substring(1) : t), !desc));
      } else {
        String direction = s.path("direction").asText("ASCENDING").toUpperCase(Locale.ROOT);
        out.add(
            new Sort(
                property(object, s.path("propertyName").asText("")),
                !direction.equals("DESCENDING")));
      }
    }
    return out;
  }

  private static PropertyDef property(HubSpotObject object, String name)
      throws InvalidSearchException {
    return object
        .property(name)
        .orElseThrow(() -> new InvalidSearchException("Property \"" + name + "\" does not exist."));
  }

  private static int integer(JsonNode n, String name, int absent) throws InvalidSearchException {
    if (n == null || n.isNull() || n.asText().isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(n.asText().trim());
    } catch (NumberFormatException e) {
      throw new InvalidSearchException(name + " must be an integer, got " + n + ".");
    }
  }
}
