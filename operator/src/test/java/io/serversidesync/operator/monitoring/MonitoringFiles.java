package io.serversidesync.operator.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.serversidesync.operator.testing.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's dashboard and alert rules, and the PromQL they run: what the tests check against
 * promtool and a real Prometheus.
 */
public final class MonitoringFiles {

  public static final String RULES = "charts/serversidesync-operator/files/alerts.rules.yaml";
  public static final String DASHBOARD = "charts/serversidesync-operator/files/dashboard.json";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private MonitoringFiles() {}

  public static JsonNode rules() {
    return parse(YAML, RULES);
  }

  public static JsonNode dashboard() {
    return parse(JSON, DASHBOARD);
  }

  /** Every alerting rule of the rules file, by alert name. */
  public static Map<String, JsonNode> alerts() {
    Map<String, JsonNode> alerts = new LinkedHashMap<>();
    for (JsonNode group : rules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          alerts.put(rule.path("alert").asText(), rule);
        }
      }
    }
    return alerts;
  }

  /** Every panel query of the dashboard, rows' nested panels included, by "panel title #refId". */
  public static Map<String, String> dashboardQueries() {
    Map<String, String> queries = new LinkedHashMap<>();
    List<JsonNode> panels = new ArrayList<>();
    dashboard().path("panels").forEach(panels::add);
    for (int i = 0; i < panels.size(); i++) {
      JsonNode panel = panels.get(i);
      panel.path("panels").forEach(panels::add);
      for (JsonNode target : panel.path("targets")) {
        queries.put(
            panel.path("title").asText() + " #" + target.path("refId").asText(),
            target.path("expr").asText());
      }
    }
    return queries;
  }

  /** The template variables' queries (label_values(...) of the namespace and sync pickers). */
  public static Map<String, String> variableQueries() {
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode variable : dashboard().at("/templating/list")) {
      if ("query".equals(variable.path("type").asText())) {
        queries.put(variable.path("name").asText(), variable.at("/query/query").asText());
      }
    }
    return queries;
  }

  /**
   * A dashboard query as Prometheus runs it once Grafana has filled in the variables: every
   * namespace and sync, and a rate window of {@code window}.
   */
  public static String resolved(String expr, String window) {
    return expr.replace("$namespace", ".*")
        .replace("$sync", ".*")
        .replace("$__rate_interval", window)
        .replace("$__interval", window);
  }

  /**
   * What an alert measures: its expression without the final comparison with the threshold, so it
   * returns data whether or not the alert fires.
   */
  public static String measured(String alertExpr) {
    String measured =
        alertExpr.strip().replaceFirst("\\s*(==|!=|>=|<=|>|<)\\s*[0-9][0-9.e+]*$", "");
    if (measured.equals(alertExpr.strip())) {
      throw new IllegalArgumentException(
          "an alert's expression must end with its comparison with a threshold: " + alertExpr);
    }
    return measured;
  }

  private static JsonNode parse(ObjectMapper mapper, String file) {
    try {
      return mapper.readTree(RepoFiles.path(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
