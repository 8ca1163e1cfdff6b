package io.serversidesync.runner.destination.salesforce.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.api.QueryPages;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Request;

/**
 * {@code SELECT Id, <externalIdField> FROM <object> WHERE <externalIdField> IN (…)}: one API call
 * per {@link #partition partition} of keys (plus one per further page, which 200 keys on a unique
 * field never need).
 */
public final class ExternalIdLookup {

  /** Keys per query: the collections delete that follows takes 200 ids. */
  public static final int MAX_KEYS = 200;

  /** Keeps the query's URL well under the ~16 KB that proxies and Salesforce accept. */
  static final int MAX_QUERY_CHARS = 10_000;

  private final SalesforceApi api;
  private final String object;
  private final FieldDescription externalIdField;

  public ExternalIdLookup(SalesforceApi api, String object, FieldDescription externalIdField) {
    this.api = api;
    this.object = object;
    this.externalIdField = externalIdField;
  }

  /** Splits keys into groups that each fit one query. */
  public List<List<String>> partition(List<String> keys) {
    List<List<String>> groups = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int chars = 0;
    for (String key : keys) {
      int length = literal(key).length() + 1;
      if (!current.isEmpty() && (current.size() == MAX_KEYS || chars + length > MAX_QUERY_CHARS)) {
        groups.add(current);
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(key);
      chars += length;
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  /**
   * Finds the ids of the records holding these keys (one group of {@link #partition}).
   *
   * @return key (as given) → ids; keys without a record are absent
   */
  public Map<String, List<String>> find(List<String> keys)
      throws DestinationException, LookupUnsupportedException {
    List<String> literals = new ArrayList<>();
    for (String key : keys) {
      if (!externalIdField.numeric() || isNumber(key)) {
        literals.add(literal(key));
      }
    }
    Map<String, List<String>> found = new LinkedHashMap<>();
    if (literals.isEmpty()) {
      return found;
    }
    String soql =
        "SELECT Id, "
            + externalIdField.name()
            + " FROM "
            + object
            + " WHERE "
            + externalIdField.name()
            + " IN ("
            + String.join(",", literals)
            + ")";
    Map<String, String> exact = new HashMap<>();
    Map<String, String> folded = new HashMap<>();
    for (String key : keys) {
      exact.put(key, key);
      folded.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
    }
    String next = null;
    do {
      String page = next;
      HttpReply reply =
          api.call(
              "query", root -> new Request.Builder().url(QueryPages.url(root, soql, page)).get());
      if (reply.status() == 400) {
        throw new LookupUnsupportedException(
            "Salesforce refused the id lookup query: "
                + (reply.errors().isEmpty() ? "HTTP 400" : reply.errors().get(0).describe()));
      }
      if (!reply.successful()) {
        throw new DestinationException(
            Kind.CONFIGURATION,
            "LookupFailed",
            "Salesforce refused to look up "
                + object
                + " ids by "
                + externalIdField.name()
                + ": "
                + (reply.errors().isEmpty()
                    ? "HTTP " + reply.status()
                    : reply.errors().get(0).describe()));
      }
      JsonNode body = QueryPages.parse(reply.body(), "the batch is retried");
      for (JsonNode record : body.path("records")) {
        String id = record.path("Id").asText(null);
        String value = text(QueryPages.field(record, externalIdField.name()));
        if (id == null || value == null) {
          continue;
        }
        String key = exact.get(value);
        if (key == null) {
          // External ID text fields match case-insensitively unless marked case-sensitive.
          key = folded.get(value.toLowerCase(Locale.ROOT));
        }
        if (key == null && externalIdField.numeric()) {
          key = numericMatch(keys, value);
        }
        if (key != null) {
          found.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
        }
      }
      next = QueryPages.next(body);
    } while (next != null);
    return found;
  }

  private String literal(String key) {
    if (externalIdField.numeric() && isNumber(key)) {
      return new BigDecimal(key.trim()).toPlainString();
    }
    StringBuilder out = new StringBuilder(key.length() + 2).append('\'');
    for (char c : key.toCharArray()) {
      switch (c) {
        case '\'' -> out.append("\\'");
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  private static boolean isNumber(String key) {
    try {
      new BigDecimal(key.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String numericMatch(List<String> keys, String value) {
    if (!isNumber(value)) {
      return null;
    }
    BigDecimal wanted = new BigDecimal(value.trim());
    for (String key : keys) {
      if (isNumber(key) && new BigDecimal(key.trim()).compareTo(wanted) == 0) {
        return key;
      }
    }
    return null;
  }

  private static String text(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
