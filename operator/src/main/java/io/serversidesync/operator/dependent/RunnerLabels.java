package io.serversidesync.operator.dependent;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and annotations on everything the operator creates. */
public final class RunnerLabels {

  /** Names the sync an object belongs to; selectors use it. */
  public static final String SYNC = "serversidesync.io/sync";

  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "serversidesync-operator";

  /** Label selector of the operator's informers: only objects it created. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  /** Hash of the runner manifest, on the pod template: a new manifest rolls the pod. */
  public static final String CONFIG_HASH = "serversidesync.io/config-hash";

  /** Hash of the whole desired object: the operator updates an object when it differs. */
  public static final String DESIRED_HASH = "serversidesync.io/desired-hash";

  public static final String RUNNER = "runner";
  public static final String CLEANUP = "cleanup";

  private RunnerLabels() {}

  /** The labels of an object of the given component (runner or cleanup) of a sync. */
  public static Map<String, String> of(String sync, String component) {
    Map<String, String> labels = new LinkedHashMap<>(selector(sync, component));
    labels.put("app.kubernetes.io/name", "serversidesync-" + component);
    labels.put("app.kubernetes.io/instance", sync);
    labels.put(MANAGED_BY, OPERATOR);
    return labels;
  }

  /** The labels that select the pods of a component of a sync. */
  public static Map<String, String> selector(String sync, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(SYNC, sync);
    labels.put(COMPONENT, component);
    return labels;
  }
}
