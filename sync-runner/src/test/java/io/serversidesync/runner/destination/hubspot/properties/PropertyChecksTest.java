package io.serversidesync.runner.destination.hubspot.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serversidesync.runner.destination.DestinationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preflight's checks of the manifest against an object's properties, without HubSpot. */
class PropertyChecksTest {

  private static final ObjectProperties CONTACTS =
      ObjectProperties.of(
          "contacts",
          List.of(
              property("email", PropertyType.STRING, false, false),
              property("firstname", PropertyType.STRING, false, false),
              property("customer_ref", PropertyType.STRING, true, false),
              property("account_ref", PropertyType.STRING, false, false),
              property("createdate", PropertyType.DATETIME, false, true),
              property("hs_object_id", PropertyType.NUMBER, true, true)));

  private static HubSpotProperty property(
      String name, PropertyType type, boolean unique, boolean readOnly) {
    return new HubSpotProperty(name, type, type.name().toLowerCase(), unique, readOnly, List.of());
  }

  private static MappedProperty mapped(int i, String name) {
    return new MappedProperty("spec.mapping[" + i + "].field", name);
  }

  private static DestinationException refused(String unique, List<MappedProperty> mapped) {
    return catchThrowableOfType(
        DestinationException.class, () -> PropertyChecks.check(CONTACTS, unique, mapped));
  }

  @Test
  void aMappingThatFitsPasses() {
    assertThatCode(
            () ->
                PropertyChecks.check(
                    CONTACTS,
                    "customer_ref",
                    List.of(mapped(0, "customer_ref"), mapped(1, "email"), mapped(2, "firstname"))))
        .doesNotThrowAnyException();
  }

  @Test
  void theIdentifiersPropertyWithoutUniqueValuesIsRefusedWithHowToCreateOne() {
    DestinationException e = refused("account_ref", List.of(mapped(0, "email")));

    assertThat(e.kind()).isEqualTo(DestinationException.Kind.CONFIGURATION);
    assertThat(e.reason()).isEqualTo("MappingInvalid");
    assertThat(e.getMessage())
        .isEqualTo(
            "spec.destination.externalIdField: property account_ref of contacts has no unique"
                + " values; HubSpot upserts only by a property with unique values: create one"
                + " with \"Require unique values for this property\" (or hasUniqueValue: true"
                + " through the properties API) and map the identifier to it");
  }

  @Test
  void aMisspelledPropertyGetsASuggestionNamingItsPlaceInTheManifest() {
    DestinationException e =
        refused("customer_ref", List.of(mapped(0, "customer_ref"), mapped(1, "emial")));

    assertThat(e.getMessage())
        .isEqualTo(
            "spec.mapping[1].field: HubSpot object contacts has no property emial (did you mean"
                + " email?)");
  }

  @Test
  void aMisspelledIdentifierPropertyGetsASuggestionToo() {
    assertThat(refused("customer_rf", List.of()).getMessage())
        .isEqualTo(
            "spec.destination.externalIdField: HubSpot object contacts has no property"
                + " customer_rf (did you mean customer_ref?)");
  }

  @Test
  void aNameFarFromEveryPropertyGetsNoSuggestion() {
    assertThat(refused("customer_ref", List.of(mapped(3, "shoe_size"))).getMessage())
        .isEqualTo("spec.mapping[3].field: HubSpot object contacts has no property shoe_size");
  }

  @Test
  void aReadOnlyPropertyCannotBeMapped() {
    assertThat(refused("customer_ref", List.of(mapped(2, "createdate"))).getMessage())
        .isEqualTo(
            "spec.mapping[2].field: property createdate of contacts is read-only (HubSpot sets"
                + " it); remove it from spec.mapping or map a property integrations may write");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    DestinationException e =
        refused(
            "account_ref",
            List.of(mapped(0, "account_ref"), mapped(1, "emial"), mapped(2, "createdate")));

    assertThat(e.getMessage().split("; spec\\."))
        .hasSize(3)
        .satisfiesExactly(
            first -> assertThat(first).startsWith("spec.destination.externalIdField: "),
            second -> assertThat(second).startsWith("mapping[1].field: "),
            third -> assertThat(third).startsWith("mapping[2].field: "));
  }

  @Test
  void propertyNamesMatchExactlyAsHubSpotsDo() {
    assertThat(refused("customer_ref", List.of(mapped(0, "Email"))).getMessage())
        .isEqualTo(
            "spec.mapping[0].field: HubSpot object contacts has no property Email (did you mean"
                + " email?)");
  }
}
