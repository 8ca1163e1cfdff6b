package io.serversidesync.operator.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.Durations;
import io.serversidesync.api.v1alpha1.RunnerPodTemplate;
import io.serversidesync.api.validation.RunnerPodTemplateRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The operator's settings, read from environment variables that the Helm chart sets (see
 * values.yaml and docs/operator.md; every variable is listed in {@link Variable}).
 *
 * @param watchNamespaces namespaces to watch; empty means all namespaces
 * @param leaderElection whether replicas elect a leader through a Lease
 * @param leaseName name of the Lease
 * @param leaseNamespace namespace of the Lease (the operator's own namespace)
 * @param runnerImage image of the runner and cleanup pods
 * @param runnerImagePullPolicy Always, IfNotPresent or Never
 * @param metricsPort port of the operator's /metrics, /healthz and /readyz
 * @param statusPollInterval how often each runner's /status is read
 * @param logLevel the operator's log level (applied by logback.xml)
 * @param reconcileThreads how many resources are reconciled at once
 * @param cleanupRetryDelay delay before the first retry of a failed cleanup Job (then doubling)
 * @param runnerPodDefaults placement of every runner pod unless its sync's spec.runner.pod says
 *     otherwise (never modified)
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    String runnerImage,
    String runnerImagePullPolicy,
    int metricsPort,
    Duration statusPollInterval,
    String logLevel,
    int reconcileThreads,
    Duration cleanupRetryDelay,
    RunnerPodTemplate runnerPodDefaults) {

  /** The environment variables, their defaults and what they mean. */
  public enum Variable {
    SSS_WATCH_NAMESPACES("", "comma-separated namespaces to watch; empty = all namespaces"),
    SSS_LEADER_ELECTION("true", "true: replicas elect a leader through a Lease"),
    SSS_LEASE_NAME("serversidesync-operator", "name of the leader-election Lease"),
    SSS_LEASE_NAMESPACE("", "namespace of the Lease; empty = POD_NAMESPACE"),
    POD_NAMESPACE("", "the operator's namespace (downward API)"),
    SSS_RUNNER_IMAGE("", "image of the runner and cleanup pods (required)"),
    SSS_RUNNER_IMAGE_PULL_POLICY("IfNotPresent", "Always, IfNotPresent or Never"),
    SSS_METRICS_PORT("8080", "port of the operator's /metrics, /healthz and /readyz"),
    SSS_STATUS_POLL_INTERVAL("15s", "how often each runner's /status is read, e.g. 15s"),
    SSS_LOG_LEVEL("INFO", "ERROR, WARN, INFO, DEBUG or TRACE"),
    SSS_LOG_FORMAT("logfmt", "logfmt (key=value lines) or json (one object per line)"),
    SSS_RECONCILE_THREADS("50", "resources reconciled concurrently"),
    SSS_CLEANUP_RETRY_DELAY(
        "10s", "delay before retrying a failed cleanup Job; doubles per failure, at most 5m"),
    SSS_RUNNER_POD_TEMPLATE(
        "{}",
        "JSON: placement of every runner pod (labels, annotations, nodeSelector, tolerations,"
            + " affinity, priorityClassName, imagePullSecrets, env), as spec.runner.pod");

    private final String defaultValue;
    private final String description;

    Variable(String defaultValue, String description) {
      this.defaultValue = defaultValue;
      this.description = description;
    }

    public String defaultValue() {
      return defaultValue;
    }

    public String description() {
      return description;
    }
  }

  private static final ObjectMapper POD_TEMPLATE =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
  private static final Set<String> LOG_LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
  // logback.xml names its appenders after these values and picks one with SSS_LOG_FORMAT
  private static final Set<String> LOG_FORMATS = Set.of("logfmt", "json");

  public OperatorSettings {
    watchNamespaces = Set.copyOf(watchNamespaces);
  }

  /** Whether every namespace is watched (a ClusterRole is needed then). */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }

  /** Settings for tests and tools: defaults everywhere, no leader election. */
  public static OperatorSettings defaults(String runnerImage) {
    return fromEnvironment(
        Map.of(
            Variable.SSS_RUNNER_IMAGE.name(),
            runnerImage,
            Variable.SSS_LEADER_ELECTION.name(),
            "false"));
  }

  /** Returns a copy with another status poll interval. */
  public OperatorSettings withStatusPollInterval(Duration interval) {
    return new OperatorSettings(
        watchNamespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        runnerImage,
        runnerImagePullPolicy,
        metricsPort,
        interval,
        logLevel,
        reconcileThreads,
        cleanupRetryDelay,
        runnerPodDefaults);
  }

  /** Returns a copy with another delay before the first cleanup retry. */
  public OperatorSettings withCleanupRetryDelay(Duration delay) {
    return new OperatorSettings(
        watchNamespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        runnerImage,
        runnerImagePullPolicy,
        metricsPort,
        statusPollInterval,
        logLevel,
        reconcileThreads,
        delay,
        runnerPodDefaults);
  }

  /** Returns a copy that watches only the given namespaces (none: all). */
  public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
    return new OperatorSettings(
        namespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        runnerImage,
        runnerImagePullPolicy,
        metricsPort,
        statusPollInterval,
        logLevel,
        reconcileThreads,
        cleanupRetryDelay,
        runnerPodDefaults);
  }

  /** Returns a copy with other defaults for the runner pods' placement. */
  public OperatorSettings withRunnerPodDefaults(RunnerPodTemplate defaults) {
    return new OperatorSettings(
        watchNamespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        runnerImage,
        runnerImagePullPolicy,
        metricsPort,
        statusPollInterval,
        logLevel,
        reconcileThreads,
        cleanupRetryDelay,
        defaults);
  }

  /**
   * Reads the settings from environment variables.
   *
   * @throws InvalidSettingsException listing every variable that is wrong, and how to fix it
   */
  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Function<Variable, String> get =
        v -> {
          String value = env.get(v.name());
          return value == null || value.isBlank() ? v.defaultValue() : value.trim();
        };

    Set<String> namespaces = new TreeSet<>();
    for (String ns : get.apply(Variable.SSS_WATCH_NAMESPACES).split(",")) {
      String name = ns.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (!name.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") || name.length() > 63) {
        problems.add(Variable.SSS_WATCH_NAMESPACES + ": \"" + name + "\" is not a namespace name");
      }
      namespaces.add(name);
    }

    boolean leaderElection =
        bool(Variable.SSS_LEADER_ELECTION, get.apply(Variable.SSS_LEADER_ELECTION), problems);
    String leaseNamespace = get.apply(Variable.SSS_LEASE_NAMESPACE);
    if (leaseNamespace.isEmpty()) {
      leaseNamespace = get.apply(Variable.POD_NAMESPACE);
    }
    if (leaderElection && leaseNamespace.isEmpty()) {
      problems.add(
          Variable.SSS_LEASE_NAMESPACE
              + " or "
              + Variable.POD_NAMESPACE
              + ": required with leader election (the chart sets POD_NAMESPACE from the pod)");
    }

    String image = get.apply(Variable.SSS_RUNNER_IMAGE);
    if (image.isEmpty()) {
      problems.add(
          Variable.SSS_RUNNER_IMAGE
              + ": required, e.g. ghcr.io/serversidesync/sync-runner:0.1.0 (chart value"
              + " runner.image)");
    }
    String pullPolicy = get.apply(Variable.SSS_RUNNER_IMAGE_PULL_POLICY);
    if (!PULL_POLICIES.contains(pullPolicy)) {
      problems.add(
          Variable.SSS_RUNNER_IMAGE_PULL_POLICY
              + ": \""
              + pullPolicy
              + "\"; allowed: Always, IfNotPresent, Never");
    }

    int port = integer(Variable.SSS_METRICS_PORT, get.apply(Variable.SSS_METRICS_PORT), problems);
    if (port < 1 || port > 65535) {
      problems.add(Variable.SSS_METRICS_PORT + ": must be a TCP port from 1 to 65535");
    }

    Duration poll = positiveDuration(Variable.SSS_STATUS_POLL_INTERVAL, get, problems);
    Duration cleanupRetry = positiveDuration(Variable.SSS_CLEANUP_RETRY_DELAY, get, problems);

    String logLevel = get.apply(Variable.SSS_LOG_LEVEL).toUpperCase(java.util.Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      problems.add(
          Variable.SSS_LOG_LEVEL
              + ": \""
              + logLevel
              + "\"; allowed: ERROR, WARN, INFO, DEBUG, TRACE");
    }

    String logFormat = get.apply(Variable.SSS_LOG_FORMAT);
    if (!LOG_FORMATS.contains(logFormat)) {
      // an unknown name would leave logback without an appender: the operator would log nothing
      problems.add(Variable.SSS_LOG_FORMAT + ": \"" + logFormat + "\"; allowed: logfmt, json");
    }

    int threads =
        integer(
            Variable.SSS_RECONCILE_THREADS, get.apply(Variable.SSS_RECONCILE_THREADS), problems);
    if (threads < 1) {
      problems.add(Variable.SSS_RECONCILE_THREADS + ": must be at least 1");
    }

    RunnerPodTemplate podDefaults =
        podTemplate(get.apply(Variable.SSS_RUNNER_POD_TEMPLATE), problems);

    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return new OperatorSettings(
        namespaces,
        leaderElection,
        get.apply(Variable.SSS_LEASE_NAME),
        leaseNamespace,
        image,
        pullPolicy,
        port,
        poll,
        logLevel,
        threads,
        cleanupRetry,
        podDefaults);
  }

  private static RunnerPodTemplate podTemplate(String json, List<String> problems) {
    try {
      RunnerPodTemplate template = POD_TEMPLATE.readValue(json, RunnerPodTemplate.class);
      RunnerPodTemplateRules.check(Variable.SSS_RUNNER_POD_TEMPLATE.name(), template)
          .forEach(v -> problems.add(v.toString()));
      return template == null ? new RunnerPodTemplate() : template;
    } catch (JsonProcessingException e) {
      problems.add(
          Variable.SSS_RUNNER_POD_TEMPLATE
              + ": not a pod template ("
              + e.getOriginalMessage()
              + "); write JSON with the fields of spec.runner.pod, e.g."
              + " {\"nodeSelector\":{\"pool\":\"sync\"}}");
      return new RunnerPodTemplate();
    }
  }

  private static Duration positiveDuration(
      Variable variable, Function<Variable, String> get, List<String> problems) {
    try {
      Duration d = Durations.parse(get.apply(variable));
      if (d.isZero()) {
        problems.add(variable + ": must be more than 0, e.g. " + variable.defaultValue());
      }
      return d;
    } catch (IllegalArgumentException e) {
      problems.add(variable + ": " + e.getMessage());
      return Duration.ofSeconds(1);
    }
  }

  private static boolean bool(Variable variable, String value, List<String> problems) {
    if (!Arrays.asList("true", "false").contains(value)) {
      problems.add(variable + ": \"" + value + "\"; write true or false");
      return false;
    }
    return Boolean.parseBoolean(value);
  }

  private static int integer(Variable variable, String value, List<String> problems) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      problems.add(variable + ": \"" + value + "\" is not a whole number");
      return -1;
    }
  }
}
