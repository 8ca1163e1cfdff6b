package io.serversidesync.runner.testing;

import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationProvider;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark-only provider: when the system property {@code sss.bench.instant} is set, a destination
 * that acknowledges every record at once, so the capture benchmark measures the runner, not a
 * network.
 */
public final class InstantAckProvider implements DestinationProvider {

  private static final RecordOutcome OK = new RecordOutcome.Ok(null, false);

  @Override
  public boolean supports(ServerSideSync sync) {
    return System.getProperty("sss.bench.instant") != null;
  }

  @Override
  public Destination create(
      ServerSideSync sync, SecretLookup secrets, DestinationTelemetry telemetry) {
    return new Destination() {
      @Override
      public void preflight(List<String> fields) {}

      @Override
      public List<DeliveryPath> deliveryPaths() {
        return List.of(new DeliveryPath("collections", 200, 0, 1, Duration.ofMillis(1)));
      }

      @Override
      public WriteResult write(
          DeliveryPath path, WriteOperation operation, List<DestinationRecord> records) {
        telemetry.apiCall("instant", 200);
        List<RecordOutcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
          outcomes.add(OK);
        }
        return new WriteResult(outcomes);
      }

      @Override
      public void close() {}
    };
  }
}
