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

  @Override
  public boolean supports(ServerSideSync sync) {
    return sync.getSpec() != null
        && sync.getSpec().getDestination() != null
        && sync.getSpec().getDestination().getSalesforce() != null;
  }

  @Override
  public Destination create(
      ServerSideSync sync, SecretLookup secrets, DestinationTelemetry telemetry)
      throws DestinationException {
    return SalesforceDestination.create(
        SalesforceSettings.from(sync), secrets, telemetry, TimeSource.SYSTEM);
  }
}
