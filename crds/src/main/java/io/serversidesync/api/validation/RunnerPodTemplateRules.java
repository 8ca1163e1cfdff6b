package io.serversidesync.api.validation;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.serversidesync.api.v1alpha1.Identifiers;
import io.serversidesync.api.v1alpha1.RunnerEnvVar;
import io.serversidesync.api.v1alpha1.RunnerPodTemplate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server would refuse in a runner pod template, found before the operator creates the
 * Deployment (where the refusal would only show as a failed update), and the keys the operator
 * reserves for itself. Used for spec.runner.pod and for the operator's defaults
 * (SSS_RUNNER_POD_TEMPLATE).
 */
public final class RunnerPodTemplateRules {

  private static final String NAME = "([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]";
  private static final String DNS_SUBDOMAIN =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final String KEY = "^(" + DNS_SUBDOMAIN + "/)?" + NAME + "$";
  private static final String LABEL_VALUE = "^(" + NAME + ")?$";
  private static final String KEY_RULE =
      "must be a name of at most 63 letters, digits, -, _ and . (starting and ending with a letter"
          + " or digit), optionally after a DNS prefix and /";

  private RunnerPodTemplateRules() {}

  /** Every problem of {@code template}, its fields named under {@code path}. */
  public static List<Violation> check(String path, RunnerPodTemplate template) {
    Violations v = new Violations();
    if (template != null) {
      check(path, template, v);
    }
    return v.list();
  }

  static void check(String path, RunnerPodTemplate t, Violations v) {
    labels(path + ".labels", t.getLabels(), true, v);
    keys(path + ".annotations", t.getAnnotations(), true, v);
    labels(path + ".nodeSelector", t.getNodeSelector(), false, v);
    if (t.getPriorityClassName() != null) {
      v.matches(
          path + ".priorityClassName",
          t.getPriorityClassName(),
          "^" + DNS_SUBDOMAIN + "$",
          "must be the name of a PriorityClass: lower-case letters, digits, - and .");
    }
    List<LocalObjectReference> pullSecrets = t.getImagePullSecrets();
    for (int i = 0; pullSecrets != null && i < pullSecrets.size(); i++) {
      String at = path + ".imagePullSecrets[" + i + "].name";
      String name = pullSecrets.get(i) == null ? null : pullSecrets.get(i).getName();
      if (v.required(at, name, "the name of a Secret of type kubernetes.io/dockerconfigjson")) {
        v.matches(
            at,
            name,
            Identifiers.SECRET_NAME_PATTERN,
            "must be a Kubernetes name: lower-case letters, digits, - and .");
      }
    }
    List<RunnerEnvVar> env = t.getEnv();
    Set<String> names = new HashSet<>();
    for (int i = 0; env != null && i < env.size(); i++) {
      String at = path + ".env[" + i + "].name";
      String name = env.get(i) == null ? null : env.get(i).getName();
      if (v.required(at, name, "e.g. HTTPS_PROXY")) {
        v.matches(
            at,
            name,
            RunnerPodTemplate.ENV_NAME_PATTERN,
            "must be letters, digits, _, - and ., not starting with a digit");
        if (!names.add(name)) {
          v.add(at, "\"" + name + "\" is given twice");
        }
      }
    }
  }

  private static void labels(
      String path, Map<String, String> labels, boolean reserved, Violations v) {
    if (labels == null) {
      return;
    }
    keys(path, labels, reserved, v);
    labels.forEach(
        (key, value) -> {
          v.matches(
              path + "[" + key + "]",
              value == null ? "" : value,
              LABEL_VALUE,
              "a label value is empty or at most 63 letters, digits, -, _ and ., starting and"
                  + " ending with a letter or digit");
          if (reserved && RunnerPodTemplate.RESERVED_LABELS.contains(key)) {
            v.add(
                path + "[" + key + "]",
                "set by the operator (its selectors use it); use another key");
          }
        });
  }

  private static void keys(String path, Map<String, String> map, boolean reserved, Violations v) {
    if (map == null) {
      return;
    }
    for (String key : map.keySet()) {
      v.matches(path, key, KEY, KEY_RULE);
      if (reserved && key.startsWith(RunnerPodTemplate.RESERVED_PREFIX)) {
        v.add(path + "[" + key + "]", "keys under serversidesync.io/ are set by the operator");
      }
    }
  }
}
