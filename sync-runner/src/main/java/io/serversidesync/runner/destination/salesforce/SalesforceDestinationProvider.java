package io.serversidesync.runner.destination.salesforce;

import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationProvider;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.ratelimit.TimeSource;

/** Registers the Salesforce destination for manifests with spec.destination.salesforce. */
public final class SalesforceDestinationProvider implements DestinationProvider {

  /** The key under spec.destination. */
  static final String KIND = "salesforce";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String name() {
    return "Salesforce";
  }

  @Override
  public Destination create(
      ServerSideSync sync, SecretLookup secrets, DestinationTelemetry telemetry)
      throws DestinationException {
    return SalesforceDestination.create(
        SalesforceSettings.from(sync), secrets, telemetry, TimeSource.SYSTEM);
  }
}
