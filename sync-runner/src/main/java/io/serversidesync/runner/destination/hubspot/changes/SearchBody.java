package io.serversidesync.runner.destination.hubspot.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON body of {@code POST /crm/v3/objects/{objectType}/search} for one {@link SearchWindow}:
 * one filter group (all filters ANDed), one ascending sort, the properties to return and the page
 * size. No {@code after}: every search starts at offset zero (see {@link SearchWindow}).
 */
final class SearchBody {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SearchBody() {}

  static String of(SearchWindow window, String timeProperty, List<String> properties, int limit) {
    ObjectNode body = JSON.createObjectNode();
    List<SearchWindow.Filter> filters = window.filters(timeProperty);
    if (!filters.isEmpty()) {
      ArrayNode group = body.putArray("filterGroups").addObject().putArray("filters");
      for (SearchWindow.Filter f : filters) {
        group
            .addObject()
            .put("propertyName", f.property())
            .put("operator", f.operator())
            .put("value", f.value());
      }
    }
    body.putArray("sorts")
        .addObject()
        .put("propertyName", window.sortProperty(timeProperty))
        .put("direction", "ASCENDING");
    ArrayNode names = body.putArray("properties");
    properties.forEach(names::add);
    body.put("limit", limit);
    return body.toString();
  }
}
