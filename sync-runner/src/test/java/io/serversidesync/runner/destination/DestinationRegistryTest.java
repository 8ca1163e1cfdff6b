package io.serversidesync.runner.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.api.manifest.ManifestReader;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationRegistryTest {

  private static final ServerSideSync EXAMPLE = example();

  private static ServerSideSync example() {
    try {
      return new ManifestReader()
          .read(
              Path.of("..")
                  .toAbsolutePath()
                  .normalize()
                  .resolve("examples/contacts-salesforce.yaml"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A provider that supports nothing, like one for another destination kind. */
  static final class Unrelated implements DestinationProvider {
    @Override
    public String kind() {
      return "elsewhere";
    }

    @Override
    public String name() {
      return "Elsewhere";
    }

    @Override
    public Destination create(ServerSideSync sync, SecretLookup secrets, DestinationTelemetry t) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void withoutASupportingProviderRunFailsWithAClearMessage() {
    assertThatThrownBy(() -> DestinationRegistry.select(EXAMPLE, List.of()))
        .hasMessage(
            "no destination implementation in this runner supports spec.destination of"
                + " contacts-to-salesforce (salesforce); installed: none. Use a runner build that"
                + " includes it.");
    assertThatThrownBy(() -> DestinationRegistry.select(EXAMPLE, List.of(new Unrelated())))
        .hasMessageContaining("installed: Unrelated");
  }

  @Test
  void picksTheFirstSupportingProvider() {
    DestinationProvider yes =
        new DestinationProvider() {
          @Override
          public String kind() {
            return "salesforce";
          }

          @Override
          public String name() {
            return "Salesforce";
          }

          @Override
          public Destination create(
              ServerSideSync sync, SecretLookup secrets, DestinationTelemetry t) {
            throw new UnsupportedOperationException();
          }
        };
    assertThat(DestinationRegistry.select(EXAMPLE, List.of(new Unrelated(), yes))).isSameAs(yes);
  }

  @Test
  void theManifestsKindIsTheKeyUnderSpecDestination() {
    assertThat(DestinationRegistry.configuredKind(EXAMPLE)).isEqualTo("salesforce");
    ServerSideSync hubspot = example();
    hubspot.getSpec().getDestination().setSalesforce(null);
    hubspot
        .getSpec()
        .getDestination()
        .setHubspot(new io.serversidesync.api.v1alpha1.HubSpotDestinationSpec());
    assertThat(DestinationRegistry.configuredKind(hubspot)).isEqualTo("hubspot");
  }
}
