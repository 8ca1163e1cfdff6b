package io.serversidesync.operator.dependent;

import io.serversidesync.api.v1alpha1.RunnerEnvVar;
import io.serversidesync.api.v1alpha1.RunnerPodTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a sync's runner pods go: the operator's defaults (SSS_RUNNER_POD_TEMPLATE), overridden by
 * the sync's spec.runner.pod. A field the sync sets replaces the default, except labels,
 * annotations, nodeSelector and env, which merge per key or name with the sync winning: a platform
 * team's cost label or proxy must not vanish because one sync adds its own.
 */
public final class RunnerPodPlacement {

  private RunnerPodPlacement() {}

  /** The template the pods get; neither argument is modified. */
  public static RunnerPodTemplate merge(RunnerPodTemplate defaults, RunnerPodTemplate own) {
    RunnerPodTemplate d = defaults == null ? new RunnerPodTemplate() : defaults;
    RunnerPodTemplate o = own == null ? new RunnerPodTemplate() : own;
    RunnerPodTemplate merged = new RunnerPodTemplate();
    merged.setLabels(maps(d.getLabels(), o.getLabels()));
    merged.setAnnotations(maps(d.getAnnotations(), o.getAnnotations()));
    merged.setNodeSelector(maps(d.getNodeSelector(), o.getNodeSelector()));
    merged.setEnv(env(d.getEnv(), o.getEnv()));
    merged.setTolerations(either(d, o, RunnerPodTemplate::getTolerations));
    merged.setAffinity(either(d, o, RunnerPodTemplate::getAffinity));
    merged.setPriorityClassName(either(d, o, RunnerPodTemplate::getPriorityClassName));
    merged.setImagePullSecrets(either(d, o, RunnerPodTemplate::getImagePullSecrets));
    return merged;
  }

  private static <T> T either(
      RunnerPodTemplate defaults, RunnerPodTemplate own, Function<RunnerPodTemplate, T> field) {
    T value = field.apply(own);
    return value != null ? value : field.apply(defaults);
  }

  private static Map<String, String> maps(Map<String, String> defaults, Map<String, String> own) {
    if (defaults == null && own == null) {
      return null;
    }
    Map<String, String> merged = new LinkedHashMap<>();
    if (defaults != null) {
      merged.putAll(defaults);
    }
    if (own != null) {
      merged.putAll(own);
    }
    return merged;
  }

  private static List<RunnerEnvVar> env(List<RunnerEnvVar> defaults, List<RunnerEnvVar> own) {
    if (defaults == null && own == null) {
      return null;
    }
    Map<String, RunnerEnvVar> byName = new LinkedHashMap<>();
    for (List<RunnerEnvVar> list : java.util.Arrays.asList(defaults, own)) {
      if (list != null) {
        list.forEach(e -> byName.put(e.getName(), e));
      }
    }
    return new ArrayList<>(byName.values());
  }
}
