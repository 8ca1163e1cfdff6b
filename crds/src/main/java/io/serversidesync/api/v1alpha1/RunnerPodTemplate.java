package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * Where and how the runner's pods (and its cleanup Job's) are placed. The operator's settings give
 * defaults for every sync (chart value runner.pod); a field set here replaces its default, and
 * labels, annotations, nodeSelector and env merge per key or name, this resource winning.
 */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunnerPodTemplate {

  /** Environment variable names Kubernetes accepts (a C identifier, plus - and .). */
  public static final String ENV_NAME_PATTERN = "^[-._a-zA-Z][-._a-zA-Z0-9]*$";

  /**
   * Fields whose type is Kubernetes's own (as in a Pod's spec): references and the CRD tests
   * document them by pointing at {@code kubectl explain pod.spec.<field>} instead of listing
   * Kubernetes's fields.
   */
  public static final List<String> KUBERNETES_TYPED_FIELDS =
      List.of(
          "spec.runner.pod.affinity",
          "spec.runner.pod.tolerations",
          "spec.runner.pod.imagePullSecrets");

  /** Prefix of the labels and annotations the operator itself sets. */
  public static final String RESERVED_PREFIX = "serversidesync.io/";

  /** Labels the operator sets on every object it creates; its selectors use some of them. */
  public static final List<String> RESERVED_LABELS =
      List.of(
          "app.kubernetes.io/name",
          "app.kubernetes.io/instance",
          "app.kubernetes.io/component",
          "app.kubernetes.io/managed-by");

  @ValidationRule(
      value =
          "self.all(k, !k.startsWith('serversidesync.io/') && !(k in ['app.kubernetes.io/name',"
              + " 'app.kubernetes.io/instance', 'app.kubernetes.io/component',"
              + " 'app.kubernetes.io/managed-by']))",
      message =
          "labels under serversidesync.io/ and app.kubernetes.io/name, instance, component and"
              + " managed-by are set by the operator; use other keys",
      reason = "FieldValueForbidden")
  @JsonPropertyDescription(
      "Labels added to the pods (not to the Deployment's selector), e.g. for cost allocation.")
  private Map<String, String> labels;

  @ValidationRule(
      value = "self.all(k, !k.startsWith('serversidesync.io/'))",
      message = "annotations under serversidesync.io/ are set by the operator; use other keys",
      reason = "FieldValueForbidden")
  @JsonPropertyDescription("Annotations added to the pods, e.g. for a service mesh or a scraper.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("Nodes the pods may run on, by node label.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription(
      "Taints the pods tolerate, as in a Pod (kubectl explain pod.spec.tolerations).")
  private List<Toleration> tolerations;

  @JsonPropertyDescription(
      "Node and pod affinity of the pods, as in a Pod (kubectl explain pod.spec.affinity).")
  private Affinity affinity;

  @JsonPropertyDescription("PriorityClass of the pods.")
  private String priorityClassName;

  @JsonPropertyDescription(
      "Secrets in this namespace that hold credentials for pulling the runner image, as in a Pod"
          + " (kubectl explain pod.spec.imagePullSecrets).")
  private List<LocalObjectReference> imagePullSecrets;

  @JsonPropertyDescription(
      "Extra environment variables of the runner, e.g. HTTPS_PROXY and NO_PROXY (the runner"
          + " sends its destination calls through that proxy).")
  private List<RunnerEnvVar> env;
}
