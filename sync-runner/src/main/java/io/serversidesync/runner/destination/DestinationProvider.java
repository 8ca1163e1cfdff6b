package io.serversidesync.runner.destination;

import io.serversidesync.api.v1alpha1.ServerSideSync;

/**
 * Creates the {@link Destination} for a sync. Implementations register in {@code
 * META-INF/services/io.serversidesync.runner.destination.DestinationProvider}; the runner picks the
 * one that supports the manifest's destination kind ({@link DestinationRegistry}), so the core
 * never names a protocol.
 */
public interface DestinationProvider {

  /**
   * The destination kind this provider handles: the key under spec.destination that selects it
   * (e.g. salesforce).
   */
  String kind();

  /** The destination's name for messages (e.g. Salesforce). */
  String name();

  /** Whether this provider handles the destination kind set in the manifest. */
  default boolean supports(ServerSideSync sync) {
    return kind().equals(DestinationRegistry.configuredKind(sync));
  }

  /**
   * Creates a destination; it should not call the network until {@link Destination#preflight}.
   *
   * @param sync the validated manifest (destination, mapping, rate limits)
   * @param secrets where the destination reads its credentials
   * @param telemetry where it reports API calls, retries and throttling
   * @throws DestinationException of kind CONFIGURATION or CREDENTIALS when it cannot be built (e.g.
   *     a Secret key is missing or a private key does not parse)
   */
  Destination create(ServerSideSync sync, SecretLookup secrets, DestinationTelemetry telemetry)
      throws DestinationException;
}
