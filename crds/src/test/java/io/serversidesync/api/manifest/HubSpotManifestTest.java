package io.serversidesync.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.validation.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** spec.destination.hubspot read and checked by the Java validator (local mode and the runner). */
class HubSpotManifestTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "contacts-hubspot.yaml");
  private static final ObjectMapper YAML = new YAMLMapper();

  private final ManifestReader reader = new ManifestReader();

  private static String edited(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode root = (ObjectNode) YAML.readTree(Files.readString(EXAMPLE));
    edit.accept((ObjectNode) root.get("spec"));
    return YAML.writeValueAsString(root);
  }

  private List<Violation> violations(Consumer<ObjectNode> edit) throws Exception {
    String manifest = edited(edit);
    InvalidManifestException e =
        catchThrowableOfType(
            InvalidManifestException.class, () -> reader.read("sync.yaml", manifest));
    assertThat(e).as("expected the manifest to be rejected").isNotNull();
    return e.violations();
  }

  @Test
  void theExampleIsAValidHubSpotSync() throws Exception {
    ServerSideSync sync = reader.read("sync.yaml", Files.readString(EXAMPLE));

    assertThat(sync.getSpec().getDestination().getSalesforce()).isNull();
    assertThat(sync.getSpec().getDestination().getHubspot().getBaseUrl())
        .isEqualTo("https://api.hubapi.com");
    assertThat(sync.getSpec().getDestination().getHubspot().getAccessTokenSecretRef().getKey())
        .isEqualTo("accessToken");
    assertThat(sync.getSpec().getDestination().getExternalIdField()).isEqualTo("customer_ref");
  }

  @Test
  void theTokenMustNotTravelInClearTextAndItsSecretKeyIsRequired() throws Exception {
    List<Violation> found =
        violations(
            spec -> {
              ObjectNode hubspot = (ObjectNode) spec.get("destination").get("hubspot");
              hubspot.put("baseUrl", "http://api.hubapi.com");
              ((ObjectNode) hubspot.get("accessTokenSecretRef")).remove("key");
            });

    assertThat(found)
        .extracting(Violation::path)
        .contains(
            "spec.destination.hubspot.baseUrl",
            "spec.destination.hubspot.accessTokenSecretRef.key");
    assertThat(found)
        .filteredOn(v -> v.path().equals("spec.destination.hubspot.baseUrl"))
        .first()
        .extracting(Violation::message)
        .asString()
        .contains("over https")
        .contains("clear text");
  }

  @Test
  void aPlainHttpBaseUrlOnThisMachineIsAccepted() throws Exception {
    ServerSideSync sync =
        reader.read(
            "sync.yaml",
            edited(
                spec ->
                    ((ObjectNode) spec.get("destination").get("hubspot"))
                        .put("baseUrl", "http://127.0.0.1:8080")));

    assertThat(sync.getSpec().getDestination().getHubspot().getBaseUrl())
        .isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void aLookupByTheParentsIdentifierIsRefusedForHubSpot() throws Exception {
    List<Violation> found =
        violations(
            spec ->
                ((ArrayNode) spec.get("mapping"))
                    .addObject()
                    .put("column", "account_ref")
                    .put("field", "associatedcompanyid")
                    .putObject("reference")
                    .put("object", "companies")
                    .put("externalIdField", "company_ref"));

    assertThat(found)
        .containsExactly(
            new Violation(
                "spec.mapping[6].reference",
                "HubSpot has no lookup fields set by a parent's unique property (it links records"
                    + " by associations, which this release does not write); map the parent's"
                    + " identifier to a plain property instead"));
  }
}
