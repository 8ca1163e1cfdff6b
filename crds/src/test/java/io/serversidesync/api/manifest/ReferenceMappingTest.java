package io.serversidesync.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.api.testing.Manifests;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.validation.Violation;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** spec.mapping[].reference read and checked by the Java validator (local mode). */
class ReferenceMappingTest {

  private final ManifestReader reader = new ManifestReader();

  private static ObjectNode reference(ObjectNode spec, String column, String field) {
    return ((ArrayNode) spec.get("mapping"))
        .addObject()
        .put("column", column)
        .put("field", field)
        .putObject("reference");
  }

  private List<Violation> violations(Consumer<ObjectNode> edit) {
    InvalidManifestException e =
        catchThrowableOfType(
            InvalidManifestException.class,
            () -> reader.read("sync.yaml", Manifests.exampleWithSpec(edit)));
    assertThat(e).as("expected the manifest to be rejected").isNotNull();
    return e.violations();
  }

  @Test
  void aReferenceIsReadWithItsDefaultWait() throws Exception {
    ServerSideSync sync =
        reader.read(
            "sync.yaml",
            Manifests.exampleWithSpec(
                spec ->
                    reference(spec, "manager_ref", "ReportsToId")
                        .put("object", "Contact")
                        .put("externalIdField", "Customer_Ref__c")));
    FieldMapping entry = sync.getSpec().getMapping().get(sync.getSpec().getMapping().size() - 1);
    assertThat(entry.getReference().getObject()).isEqualTo("Contact");
    assertThat(entry.getReference().getExternalIdField()).isEqualTo("Customer_Ref__c");
    assertThat(entry.getReference().getWaitForParent()).isEqualTo("10m");
    assertThat(entry.getReference().getIdColumn()).isNull();
  }

  @Test
  void eachMistakeIsNamedWithItsPath() {
    List<Violation> found =
        violations(
            spec -> {
              ((ObjectNode) spec.get("mapping").get(0))
                  .putObject("reference")
                  .put("object", "Account")
                  .put("externalIdField", "Account_Ref__c");
              reference(spec, "manager_ref", "ReportsToId")
                  .put("externalIdField", "Account Ref")
                  .put("waitForParent", "0s")
                  .put("idColumn", "email");
            });
    assertThat(found)
        .extracting(Violation::path, Violation::message)
        .contains(
            tuple(
                "spec.mapping[0].reference",
                "the upsert key \"customer_ref\" is the record's own external id, not a lookup;"
                    + " remove reference from this entry"),
            tuple("spec.mapping[6].reference.object", "required: the parent object, e.g. Account"),
            tuple(
                "spec.mapping[6].reference.externalIdField",
                "\"Account Ref\" is invalid: must be a field API name, e.g. Account_Ref__c"),
            tuple(
                "spec.mapping[6].reference.waitForParent",
                "0s is out of range: must be more than 0 and at most 24h"),
            tuple(
                "spec.mapping[6].reference.idColumn",
                "only the reverse direction writes the parent's record id; set spec.twoWay or"
                    + " remove idColumn"),
            tuple(
                "spec.mapping[6].reference.idColumn",
                "\"email\" is a mapped column; the parent's record id needs a column of its own"
                    + " (e.g. account_salesforce_id)"));
  }

  @Test
  void twoReferencesCannotShareAnIdColumn() {
    List<Violation> found =
        violations(
            spec -> {
              spec.putObject("twoWay").put("destinationIdColumn", "salesforce_id");
              reference(spec, "manager_ref", "ReportsToId")
                  .put("object", "Contact")
                  .put("externalIdField", "Customer_Ref__c")
                  .put("idColumn", "parent_id");
              reference(spec, "partner_ref", "Partner__c")
                  .put("object", "Account")
                  .put("externalIdField", "Account_Ref__c")
                  .put("idColumn", "parent_id");
            });
    assertThat(found)
        .extracting(Violation::path)
        .containsExactly("spec.mapping[7].reference.idColumn");
    assertThat(found.get(0).message())
        .isEqualTo(
            "\"parent_id\" already receives the parent id of spec.mapping[6]; give each"
                + " reference its own column");
  }
}
