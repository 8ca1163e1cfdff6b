package io.serversidesync.runner.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the installed {@link DestinationProvider} for a manifest's destination. Each provider
 * declares the kind it handles; the registry learns the manifest's kind from the manifest itself
 * (the object-valued key under spec.destination), so it names no destination.
 */
public final class DestinationRegistry {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DestinationRegistry() {}

  /** The providers registered in META-INF/services on the class path. */
  public static List<DestinationProvider> installed() {
    List<DestinationProvider> providers = new ArrayList<>();
    ServiceLoader.load(DestinationProvider.class).forEach(providers::add);
    return providers;
  }

  /**
   * The first provider that supports the manifest's destination.
   *
   * @throws IllegalArgumentException with a message for the user when none does
   */
  public static DestinationProvider select(
      ServerSideSync manifest, List<DestinationProvider> providers) {
    for (DestinationProvider provider : providers) {
      if (provider.supports(manifest)) {
        return provider;
      }
    }
    throw new IllegalArgumentException(
        "no destination implementation in this runner supports spec.destination of "
            + manifest.getMetadata().getName()
            + " ("
            + configuredKind(manifest)
            + "); installed: "
            + (providers.isEmpty()
                ? "none"
                : String.join(
                    ", ", providers.stream().map(p -> p.getClass().getSimpleName()).toList()))
            + ". Use a runner build that includes it.");
  }

  /**
   * The destination kind a manifest sets: the key of the object under spec.destination (the
   * validated manifest sets exactly one), or {@code none}.
   */
  public static String configuredKind(ServerSideSync manifest) {
    if (manifest.getSpec() == null || manifest.getSpec().getDestination() == null) {
      return "none";
    }
    JsonNode destination = JSON.valueToTree(manifest.getSpec().getDestination());
    for (Map.Entry<String, JsonNode> field : destination.properties()) {
      if (field.getValue().isObject()) {
        return field.getKey();
      }
    }
    return "none";
  }
}
