package io.serversidesync.api.crd;

import static io.serversidesync.api.testing.Manifests.addMapping;
import static io.serversidesync.api.testing.Manifests.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.api.testing.Manifests;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Admits good and bad manifests through the generated CRD: defaults, OpenAPI schema and every CEL
 * rule, evaluated with CEL-Java. The last check proves each rule both passed and failed at least
 * once, so a rule that can never fail (or never pass) breaks the build.
 */
class CrdValidationRulesTest {

  private static final ApiServerSimulation API = new ApiServerSimulation(GeneratedCrd.schema());
  private static final List<ApiServerSimulation.RuleOutcome> SEEN = new ArrayList<>();

  private static List<String> admit(String yaml) {
    int before = API.outcomes().size();
    List<String> errors = API.admit(yaml);
    SEEN.addAll(API.outcomes().subList(before, API.outcomes().size()));
    return errors;
  }

  private static List<String> admitEdited(Consumer<ObjectNode> edit) {
    return admit(Manifests.exampleWithSpec(edit));
  }

  @Test
  void theExampleIsAdmitted() {
    assertThat(admit(Manifests.example())).isEmpty();
  }

  @Test
  void aTwoWayManifestWithItsOwnIdColumnIsAdmitted() {
    assertThat(
            admitEdited(
                spec ->
                    spec.putObject("twoWay")
                        .put("destinationIdColumn", "salesforce_id")
                        .put("conflictPolicy", "LastWriteWins")))
        .isEmpty();
  }

  @Test
  void upsertKeyMustBeAMappedColumn() {
    assertThat(admitEdited(spec -> object(spec, "source").put("upsertKey", "customer_id")))
        .contains(
            "spec.source.upsertKey: Invalid value: spec.source.upsertKey must be one of spec.mapping[].column");
  }

  @Test
  void upsertKeyMustMapToTheExternalIdField() {
    assertThat(
            admitEdited(spec -> object(spec, "destination").put("externalIdField", "Other_Ref__c")))
        .anyMatch(
            e ->
                e.startsWith(
                    "spec.mapping: Invalid value: the mapping of spec.source.upsertKey must target"));
  }

  @Test
  void mappingColumnsMustBeUnique() {
    assertThat(admitEdited(spec -> addMapping(spec, "email", "Secondary_Email__c")))
        .containsExactly(
            "spec.mapping: Invalid value: spec.mapping[].column values must be unique");
  }

  @Test
  void mappingFieldsMustBeUnique() {
    assertThat(admitEdited(spec -> addMapping(spec, "email2", "Email")))
        .containsExactly("spec.mapping: Invalid value: spec.mapping[].field values must be unique");
  }

  @Test
  void maxRecordsAbove200IsRejected() {
    List<String> errors = admitEdited(spec -> object(spec, "batching").put("maxRecords", 500));
    assertThat(errors)
        .containsExactly(
            "spec.batching.maxRecords: should be less than or equal to 200",
            "spec.batching.maxRecords: Invalid value: spec.batching.maxRecords must be between 1"
                + " and 200 (records per sObject Collections call)");
    assertThat(admitEdited(spec -> object(spec, "batching").put("maxRecords", 0)))
        .contains("spec.batching.maxRecords: should be greater than or equal to 1");
  }

  @Test
  void exactlyOneDestinationKind() {
    List<String> two =
        admitEdited(
            spec ->
                object(spec, "destination")
                    .putObject("hubspot")
                    .putObject("accessTokenSecretRef")
                    .put("name", "hs")
                    .put("key", "token"));
    assertThat(two)
        .containsExactly(
            "spec.destination: Invalid value: exactly one of spec.destination.salesforce or"
                + " spec.destination.hubspot must be set");
    List<String> none = admitEdited(spec -> object(spec, "destination").remove("salesforce"));
    assertThat(none)
        .hasSize(1)
        .allMatch(e -> e.startsWith("spec.destination: Invalid value: exactly one"));
  }

  @Test
  void destinationIdColumnMustNotBeTheUpsertKeyOrAMappedColumn() {
    assertThat(
            admitEdited(
                spec -> spec.putObject("twoWay").put("destinationIdColumn", "customer_ref")))
        .containsExactly(
            "spec.twoWay.destinationIdColumn: Invalid value: spec.twoWay.destinationIdColumn must be"
                + " a column of its own: not the upsert key and not a mapped column");
    assertThat(admitEdited(spec -> spec.putObject("twoWay").put("destinationIdColumn", "email")))
        .hasSize(1);
  }

  /** The example's lookup: account_ref sets AccountId by the account's external id. */
  private static ObjectNode accountReference(ObjectNode spec) {
    return (ObjectNode) spec.get("mapping").get(5).get("reference");
  }

  @Test
  void aLookupByTheParentsExternalIdIsAdmittedWithItsDefaultWait() {
    assertThat(admitEdited(spec -> accountReference(spec).remove("waitForParent"))).isEmpty();
    assertThat(
            admitEdited(
                spec -> {
                  spec.putObject("twoWay").put("destinationIdColumn", "salesforce_id");
                  accountReference(spec).put("idColumn", "account_salesforce_id");
                }))
        .isEmpty();
  }

  @Test
  void theUpsertKeyCannotBeALookup() {
    assertThat(
            admitEdited(
                spec ->
                    ((ObjectNode) spec.get("mapping").get(0))
                        .putObject("reference")
                        .put("object", "Account")
                        .put("externalIdField", "Account_Ref__c")))
        .containsExactly(
            "spec.mapping: Invalid value: the mapping of spec.source.upsertKey cannot set a"
                + " reference: the upsert key is the record's own external id, not a lookup");
  }

  @Test
  void aParentIdColumnNeedsTwoWayAndAColumnOfItsOwn() {
    assertThat(admitEdited(spec -> accountReference(spec).put("idColumn", "account_salesforce_id")))
        .containsExactly(
            "spec.mapping: Invalid value: spec.mapping[].reference.idColumn needs spec.twoWay:"
                + " only the reverse direction writes the parent's record id");
    assertThat(
            admitEdited(
                spec -> {
                  spec.putObject("twoWay").put("destinationIdColumn", "salesforce_id");
                  accountReference(spec).put("idColumn", "salesforce_id");
                }))
        .containsExactly(
            "spec.mapping: Invalid value: spec.mapping[].reference.idColumn must not be"
                + " spec.twoWay.destinationIdColumn: each id needs a column of its own");
    assertThat(
            admitEdited(
                spec -> {
                  spec.putObject("twoWay").put("destinationIdColumn", "salesforce_id");
                  accountReference(spec).put("idColumn", "email");
                }))
        .containsExactly(
            "spec.mapping: Invalid value: spec.mapping[].reference.idColumn must be a column of"
                + " its own: not a mapped column and not another reference's idColumn");
  }

  @Test
  void schemaRejectsTheBadInputsOfTheCatalogue() {
    assertThat(admitEdited(spec -> spec.remove("mapping")))
        .containsExactly("spec.mapping: Required value");
    assertThat(admitEdited(spec -> ((ArrayNode) spec.get("mapping")).removeAll()))
        .contains("spec.mapping: should have at least 1 items");
    assertThat(
            admitEdited(
                spec -> object(object(spec, "source"), "postgres").put("sslMode", "prefer")))
        .contains(
            "spec.source.postgres.sslMode: Unsupported value: \"prefer\": supported values:"
                + " [disable, require, verify-ca, verify-full]");
    assertThat(admitEdited(spec -> object(spec, "source").put("table", "")))
        .contains("spec.source.table: should be at least 1 chars long");
    assertThat(admitEdited(spec -> object(spec, "batching").put("maxRecrods", 5)))
        .contains("spec.batching.maxRecrods: unknown field");
  }

  /** Quantities in every form Kubernetes accepts (512M and 1G were refused). */
  @Test
  void memoryAndCpuTakeEveryKubernetesQuantity() {
    for (String memory : List.of("256Mi", "512M", "1G", "1.5Gi", "1e9")) {
      assertThat(admitEdited(spec -> object(spec, "batching").put("maxPendingMemory", memory)))
          .as(memory)
          .isEmpty();
      assertThat(
              admitEdited(
                  spec ->
                      spec.putObject("runner")
                          .putObject("resources")
                          .putObject("limits")
                          .put("memory", memory)
                          .put("cpu", "1.5")))
          .as(memory)
          .isEmpty();
    }
    assertThat(admitEdited(spec -> object(spec, "batching").put("maxPendingMemory", "256 Mi")))
        .singleElement()
        .satisfies(v -> assertThat(v).startsWith("spec.batching.maxPendingMemory: should match"));
  }

  /** Credentials go over https; plain http only to this machine (a local sandbox or proxy). */
  @Test
  void plainHttpLoginUrlsOnlyToThisMachine() {
    for (String remote :
        List.of("http://acme.my.salesforce.com", "http://10.0.0.7:8080", "http://127.evil.com")) {
      assertThat(
              admitEdited(
                  spec ->
                      object(object(spec, "destination"), "salesforce").put("loginUrl", remote)))
          .as(remote)
          .anySatisfy(v -> assertThat(v).startsWith("spec.destination.salesforce.loginUrl:"));
    }
    for (String local :
        List.of(
            "https://acme.my.salesforce.com",
            "https://acme.my.salesforce.com:8443/",
            "http://127.0.0.1:8080",
            "http://localhost:8080/",
            "http://[::1]:8080")) {
      assertThat(
              admitEdited(
                  spec -> object(object(spec, "destination"), "salesforce").put("loginUrl", local)))
          .as(local)
          .isEmpty();
    }
  }

  /**
   * The operator's own labels and annotations cannot be set (or broken) through spec.runner.pod.
   */
  @Test
  void runnerPodLabelsAndAnnotationsLeaveTheOperatorsKeysAlone() {
    assertThat(
            admitEdited(
                spec -> {
                  ObjectNode pod = spec.putObject("runner").putObject("pod");
                  pod.putObject("labels").put("team", "crm");
                  pod.putObject("annotations").put("sidecar.istio.io/inject", "false");
                  pod.putArray("tolerations")
                      .addObject()
                      .put("key", "dedicated")
                      .put("operator", "Exists")
                      .put("effect", "NoSchedule");
                  pod.putObject("affinity")
                      .putObject("nodeAffinity")
                      .putObject("requiredDuringSchedulingIgnoredDuringExecution")
                      .putArray("nodeSelectorTerms")
                      .addObject()
                      .putArray("matchExpressions")
                      .addObject()
                      .put("key", "pool")
                      .put("operator", "In")
                      .putArray("values")
                      .add("sync");
                  pod.putArray("env").addObject().put("name", "NO_PROXY").put("value", ".svc");
                }))
        .isEmpty();
    assertThat(
            admitEdited(
                spec ->
                    spec.putObject("runner")
                        .putObject("pod")
                        .putObject("labels")
                        .put("app.kubernetes.io/managed-by", "me")))
        .singleElement()
        .satisfies(
            v -> assertThat(v).startsWith("spec.runner.pod.labels:").contains("labels under"));
    assertThat(
            admitEdited(
                spec ->
                    spec.putObject("runner")
                        .putObject("pod")
                        .putObject("annotations")
                        .put("serversidesync.io/desired-hash", "x")))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v)
                    .startsWith("spec.runner.pod.annotations:")
                    .contains("annotations under"));
    assertThat(
            admitEdited(
                spec ->
                    spec.putObject("runner")
                        .putObject("pod")
                        .putArray("env")
                        .addObject()
                        .put("value", "no name")))
        .singleElement()
        .satisfies(v -> assertThat(v).contains("spec.runner.pod.env[0].name: Required value"));
  }

  @AfterAll
  static void everyRuleWasSeenPassingAndFailing() {
    Set<String> passed = new HashSet<>();
    Set<String> failed = new HashSet<>();
    for (ApiServerSimulation.RuleOutcome outcome : SEEN) {
      (outcome.passed() ? passed : failed).add(outcome.rule());
    }
    List<String> all = new ArrayList<>();
    collect(GeneratedCrd.schema(), all);
    assertThat(passed).as("rules seen passing").containsAll(all);
    assertThat(failed).as("rules seen failing").containsAll(all);
  }

  private static void collect(com.fasterxml.jackson.databind.JsonNode node, List<String> out) {
    node.path("x-kubernetes-validations").forEach(r -> out.add(r.get("rule").asText()));
    node.path("properties").forEach(child -> collect(child, out));
    if (node.has("items")) {
      collect(node.get("items"), out);
    }
  }
}
