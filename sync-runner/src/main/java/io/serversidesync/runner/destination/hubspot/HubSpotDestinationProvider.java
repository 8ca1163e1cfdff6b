package io.serversidesync.runner.destination.hubspot;

import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationProvider;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.ratelimit.TimeSource;

/** Registers the HubSpot destination for manifests with spec.destination.hubspot. */
public final class HubSpotDestinationProvider implements DestinationProvider {

  /** The key under spec.destination. */
  static final String KIND = "hubspot";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String name() {
    return "HubSpot";
  }

  @Override
  public Destination create(
      ServerSideSync sync, SecretLookup secrets, DestinationTelemetry telemetry)
      throws DestinationException {
    return HubSpotDestination.create(
        HubSpotSettings.from(sync), secrets, telemetry, TimeSource.SYSTEM);
  }
}
