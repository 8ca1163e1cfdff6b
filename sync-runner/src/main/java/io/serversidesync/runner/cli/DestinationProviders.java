package io.serversidesync.runner.cli;

import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.destination.DestinationProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the installed {@link DestinationProvider} for a manifest's destination. */
final class DestinationProviders {

  private DestinationProviders() {}

  /** The providers registered in META-INF/services on the class path. */
  static List<DestinationProvider> installed() {
    List<DestinationProvider> providers = new ArrayList<>();
    ServiceLoader.load(DestinationProvider.class).forEach(providers::add);
    return providers;
  }

  /**
   * The first provider that supports the manifest's destination.
   *
   * @throws IllegalArgumentException with a message for the user when none does
   */
  static DestinationProvider select(ServerSideSync manifest, List<DestinationProvider> providers) {
    for (DestinationProvider provider : providers) {
      if (provider.supports(manifest)) {
        return provider;
      }
    }
    throw new IllegalArgumentException(
        "no destination implementation in this runner supports spec.destination of "
            + manifest.getMetadata().getName()
            + " ("
            + (manifest.getSpec().getDestination().getSalesforce() != null
                ? "salesforce"
                : "hubspot")
            + "); installed: "
            + (providers.isEmpty()
                ? "none"
                : String.join(
                    ", ", providers.stream().map(p -> p.getClass().getSimpleName()).toList()))
            + ". Use a runner build that includes it.");
  }
}
