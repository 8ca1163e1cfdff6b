package io.serversidesync.api.manifest;

import static io.serversidesync.api.testing.Manifests.addMapping;
import static io.serversidesync.api.testing.Manifests.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.api.testing.Manifests;
import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.api.validation.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bad-input catalogue of the API: each error names the field and says what is allowed. */
class ManifestReaderTest {

  private final ManifestReader reader = new ManifestReader();

  private List<Violation> violations(String yaml) {
    InvalidManifestException e =
        catchThrowableOfType(InvalidManifestException.class, () -> reader.read("sync.yaml", yaml));
    assertThat(e).as("expected the manifest to be rejected").isNotNull();
    assertThat(e.getMessage()).startsWith("sync.yaml is not a valid ServerSideSync:");
    return e.violations();
  }

  private List<Violation> violationsOfEdited(Consumer<ObjectNode> edit) {
    return violations(Manifests.exampleWithSpec(edit));
  }

  @Test
  void theExampleParsesAndPassesValidation() throws Exception {
    ServerSideSync sync = reader.read(Manifests.EXAMPLE);
    assertThat(sync.getMetadata().getName()).isEqualTo("contacts-to-salesforce");
    assertThat(sync.getSpec().getSource().getTable()).isEqualTo("public.contacts");
    assertThat(sync.getSpec().getSource().getPostgres().getSslMode())
        .isEqualTo(SslMode.VERIFY_FULL);
    assertThat(sync.getSpec().getDestination().getSalesforce().getAuth().getFlow())
        .isEqualTo(AuthFlow.ClientCredentials);
    assertThat(sync.getSpec().getMapping()).hasSize(6);
    assertThat(sync.getSpec().getMapping().get(5).getReference().getObject()).isEqualTo("Account");
  }

  @Test
  void noMapping() {
    assertThat(violationsOfEdited(spec -> spec.remove("mapping")))
        .extracting(Violation::path)
        .contains("spec.mapping");
    assertThat(violationsOfEdited(spec -> spec.remove("mapping")).get(0).message())
        .contains("required")
        .contains("list at least the upsert key");
  }

  @Test
  void upsertKeyNotMapped() {
    assertThat(violationsOfEdited(spec -> object(spec, "source").put("upsertKey", "customer_id")))
        .containsExactly(
            new Violation(
                "spec.source.upsertKey",
                "\"customer_id\" must be one of spec.mapping[].column; add {column: customer_id,"
                    + " field: Customer_Ref__c}"));
  }

  @Test
  void upsertKeyMappedToAnotherFieldThanTheExternalId() {
    assertThat(
            violationsOfEdited(
                spec -> object(spec, "destination").put("externalIdField", "Ref__c")))
        .containsExactly(
            new Violation(
                "spec.mapping[0].field",
                "the upsert key \"customer_ref\" must map to spec.destination.externalIdField"
                    + " \"Ref__c\" (upserts are keyed by that field), not \"Customer_Ref__c\""));
  }

  @Test
  void duplicateField() {
    assertThat(violationsOfEdited(spec -> addMapping(spec, "email2", "Email")))
        .containsExactly(
            new Violation(
                "spec.mapping[6].field",
                "duplicate field \"Email\" (already populated by spec.mapping[3]); populate each"
                    + " field once"));
  }

  @Test
  void duplicateColumn() {
    assertThat(violationsOfEdited(spec -> addMapping(spec, "email", "Other_Email__c")))
        .containsExactly(
            new Violation(
                "spec.mapping[6].column",
                "duplicate column \"email\" (already mapped by spec.mapping[3]); map each column"
                    + " once"));
  }

  @Test
  void maxRecords500() {
    assertThat(violationsOfEdited(spec -> object(spec, "batching").put("maxRecords", 500)))
        .containsExactly(
            new Violation(
                "spec.batching.maxRecords", "500 is out of range: must be between 1 and 200"));
  }

  @Test
  void twoDestinations() {
    List<Violation> found =
        violationsOfEdited(
            spec ->
                object(spec, "destination")
                    .putObject("hubspot")
                    .putObject("accessTokenSecretRef")
                    .put("name", "hs")
                    .put("key", "token"));
    assertThat(found)
        .contains(
            new Violation(
                "spec.destination", "exactly one of salesforce or hubspot must be set, found 2"));
  }

  @Test
  void unknownSslMode() {
    assertThat(
            violationsOfEdited(
                spec -> object(object(spec, "source"), "postgres").put("sslMode", "prefer")))
        .containsExactly(
            new Violation(
                "spec.source.postgres.sslMode",
                "unknown value \"prefer\"; allowed: disable, require, verify-ca, verify-full"));
  }

  @Test
  void emptyTableName() {
    assertThat(violationsOfEdited(spec -> object(spec, "source").put("table", "")))
        .containsExactly(
            new Violation(
                "spec.source.table",
                "required: write table or schema.table, e.g. public.contacts"));
  }

  @Test
  void tableNameWithQuotesOrSpaces() {
    assertThat(
            violationsOfEdited(
                spec -> object(spec, "source").put("table", "public.\"My Contacts\"")))
        .singleElement()
        .satisfies(v -> assertThat(v.path()).isEqualTo("spec.source.table"))
        .satisfies(v -> assertThat(v.message()).contains("schema.table"));
  }

  @Test
  void malformedYaml() {
    List<Violation> found =
        violations(
            "apiVersion: serversidesync.io/v1alpha1\nkind: ServerSideSync\nspec:\n  source: [unclosed\n");
    assertThat(found)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).startsWith("line ");
              assertThat(v.message()).startsWith("malformed YAML: ");
            });
  }

  @Test
  void unknownFieldNamesTheKnownOnes() {
    assertThat(violationsOfEdited(spec -> object(spec, "batching").put("maxRecrods", 5)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("spec.batching.maxRecrods");
              assertThat(v.message())
                  .startsWith("unknown field; known fields: ")
                  .contains("maxRecords");
            });
  }

  @Test
  void wrongKindOrApiVersion() {
    assertThat(violations("apiVersion: v1\nkind: Secret\n"))
        .containsExactly(new Violation("kind", "\"Secret\"; expected ServerSideSync"));
    assertThat(violations("apiVersion: serversidesync.io/v1\nkind: ServerSideSync\n"))
        .containsExactly(
            new Violation(
                "apiVersion", "\"serversidesync.io/v1\"; expected serversidesync.io/v1alpha1"));
  }

  @Test
  void wrongTypeNamesTheExpectedType() {
    assertThat(violationsOfEdited(spec -> object(spec, "batching").put("maxRecords", "many")))
        .containsExactly(
            new Violation("spec.batching.maxRecords", "\"many\" is not a valid integer"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<Violation> found =
        violationsOfEdited(
            spec -> {
              object(spec, "source").put("table", "");
              object(spec, "batching").put("maxRecords", 0).put("maxDelay", "soon");
              object(spec, "rateLimit").put("dailyQuotaShare", "150%");
            });
    assertThat(found)
        .extracting(Violation::path)
        .containsExactlyInAnyOrder(
            "spec.source.table",
            "spec.batching.maxRecords",
            "spec.batching.maxDelay",
            "spec.rateLimit.dailyQuotaShare");
  }

  @Test
  void emptyValuesKeepDefaults() throws Exception {
    ServerSideSync sync =
        reader.read("sync.yaml", Manifests.exampleWithSpec(spec -> spec.putNull("batching")));
    assertThat(sync.getSpec().getBatching().getMaxRecords()).isEqualTo(200);
  }

  @Test
  void plainHttpLoginUrlToAnotherHostIsRefused() throws Exception {
    assertThat(
            violationsOfEdited(
                spec ->
                    object(object(spec, "destination"), "salesforce")
                        .put("loginUrl", "http://acme.my.salesforce.com")))
        .extracting(Violation::path, v -> v.message().contains("plain http only to localhost"))
        .containsExactly(tuple("spec.destination.salesforce.loginUrl", true));
    ServerSideSync local =
        reader.read(
            "sync.yaml",
            Manifests.exampleWithSpec(
                spec ->
                    object(object(spec, "destination"), "salesforce")
                        .put("loginUrl", "http://127.0.0.1:8080")));
    assertThat(local.getSpec().getDestination().getSalesforce().getLoginUrl())
        .isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void aFilterThatIsNotOneExpressionIsRefused() {
    assertThat(
            violationsOfEdited(
                spec -> object(spec, "source").put("filter", "customer_ref = 'C-1') OR (true")))
        .extracting(Violation::path)
        .containsExactly("spec.source.filter");
  }

  /** Runner pod placement: read as written; what the API server or the operator would refuse. */
  @Test
  void runnerPodPlacementIsReadAndItsMistakesNamed() throws Exception {
    ServerSideSync placed =
        reader.read(
            "sync.yaml",
            Manifests.exampleWithSpec(
                spec -> {
                  ObjectNode pod = spec.putObject("runner").putObject("pod");
                  pod.putObject("nodeSelector").put("kubernetes.io/arch", "amd64");
                  pod.putArray("tolerations")
                      .addObject()
                      .put("key", "dedicated")
                      .put("operator", "Equal")
                      .put("value", "sync")
                      .put("effect", "NoSchedule");
                  pod.put("priorityClassName", "sync-high");
                  pod.putArray("imagePullSecrets").addObject().put("name", "registry-creds");
                  pod.putArray("env")
                      .addObject()
                      .put("name", "HTTPS_PROXY")
                      .put("value", "http://proxy.corp:3128");
                  pod.putObject("labels").put("team", "crm");
                }));
    var read = placed.getSpec().getRunner().getPod();
    assertThat(read.getNodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
    assertThat(read.getTolerations().get(0).getEffect()).isEqualTo("NoSchedule");
    assertThat(read.getImagePullSecrets().get(0).getName()).isEqualTo("registry-creds");
    assertThat(read.getEnv().get(0).getValue()).isEqualTo("http://proxy.corp:3128");

    List<Violation> wrong =
        violationsOfEdited(
            spec -> {
              ObjectNode pod = spec.putObject("runner").putObject("pod");
              pod.putObject("labels")
                  .put("app.kubernetes.io/instance", "mine")
                  .put("team", "crm team");
              pod.putObject("annotations").put("serversidesync.io/config-hash", "x");
              pod.put("priorityClassName", "High");
              pod.putArray("imagePullSecrets").addObject();
              var env = pod.putArray("env");
              env.addObject().put("name", "HTTPS_PROXY").put("value", "a");
              env.addObject().put("name", "HTTPS_PROXY").put("value", "b");
              env.addObject().put("name", "1PROXY");
            });
    assertThat(wrong)
        .extracting(Violation::path)
        .containsExactlyInAnyOrder(
            "spec.runner.pod.labels[app.kubernetes.io/instance]",
            "spec.runner.pod.labels[team]",
            "spec.runner.pod.annotations[serversidesync.io/config-hash]",
            "spec.runner.pod.priorityClassName",
            "spec.runner.pod.imagePullSecrets[0].name",
            "spec.runner.pod.env[1].name",
            "spec.runner.pod.env[2].name");
    assertThat(wrong)
        .filteredOn(w -> w.path().equals("spec.runner.pod.env[1].name"))
        .singleElement()
        .satisfies(w -> assertThat(w.message()).isEqualTo("\"HTTPS_PROXY\" is given twice"));
  }

  /** A field given twice would silently lose one value (last wins); the API server refuses it. */
  @Test
  void aFieldGivenTwiceIsRefused() {
    String yaml =
        Manifests.example()
            .replace("  batching:\n", "  batching:\n    maxRecords: 100\n    maxRecords: 150\n");
    assertThat(yaml).contains("maxRecords: 150");
    assertThat(violations(yaml))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("Duplicate field 'maxRecords'"));
  }

  @Test
  void aFileThatIsNotUtf8SaysSo(@TempDir Path dir) throws Exception {
    Path latin1 = dir.resolve("sync.yaml");
    Files.write(
        latin1,
        Manifests.example()
            .replace("name: contacts-to-salesforce", "name: caf\u00e9")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    InvalidManifestException e =
        catchThrowableOfType(InvalidManifestException.class, () -> reader.read(latin1));
    assertThat(e.violations())
        .containsExactly(new Violation("file", "is not UTF-8 text; save it as UTF-8"));
  }

  /** The safe TLS default: a manifest that says nothing checks the certificate and host name. */
  @Test
  void tlsDefaultsToVerifyFull() throws Exception {
    ServerSideSync sync =
        reader.read(
            "sync.yaml",
            Manifests.exampleWithSpec(
                spec -> object(object(spec, "source"), "postgres").remove("sslMode")));
    assertThat(sync.getSpec().getSource().getPostgres().getSslMode())
        .isEqualTo(SslMode.VERIFY_FULL);
  }

  @Test
  void missingFileSaysSo() {
    InvalidManifestException e =
        catchThrowableOfType(
            InvalidManifestException.class, () -> reader.read(Path.of("does-not-exist.yaml")));
    assertThat(e.violations()).containsExactly(new Violation("file", "not found"));
  }

  @Test
  void nameTooLongForTheSlot() {
    String yaml =
        Manifests.example().replace("name: contacts-to-salesforce", "name: " + "a".repeat(60));
    assertThat(violations(yaml))
        .containsExactly(
            new Violation(
                "metadata.name",
                "at most 59 characters (the replication slot is named sss_<name>), got 60"));
  }
}
