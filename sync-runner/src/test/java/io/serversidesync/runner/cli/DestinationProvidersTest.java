package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.api.manifest.ManifestReader;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationProvider;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.SecretLookup;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationProvidersTest {

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
    public boolean supports(ServerSideSync sync) {
      return false;
    }

    @Override
    public Destination create(ServerSideSync sync, SecretLookup secrets, DestinationTelemetry t) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void withoutASupportingProviderRunFailsWithAClearMessage() {
    assertThatThrownBy(() -> DestinationProviders.select(EXAMPLE, List.of()))
        .hasMessage(
            "no destination implementation in this runner supports spec.destination of"
                + " contacts-to-salesforce (salesforce); installed: none. Use a runner build that"
                + " includes it.");
    assertThatThrownBy(() -> DestinationProviders.select(EXAMPLE, List.of(new Unrelated())))
        .hasMessageContaining("installed: Unrelated");
  }

  @Test
  void picksTheFirstSupportingProvider() {
    DestinationProvider yes =
        new DestinationProvider() {
          @Override
          public boolean supports(ServerSideSync sync) {
            return true;
          }

          @Override
          public Destination create(
              ServerSideSync sync, SecretLookup secrets, DestinationTelemetry t) {
            throw new UnsupportedOperationException();
          }
        };
    assertThat(DestinationProviders.select(EXAMPLE, List.of(new Unrelated(), yes))).isSameAs(yes);
  }
}
