package io.serversidesync.runner.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationProvider;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.DestinationRules;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.StoredForm;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Benchmark-only provider: when the system property {@code sss.bench.instant} is set, a destination
 * that acknowledges every record at once, so the capture benchmark measures the runner, not a
 * network. With {@code sss.bench.instant.records} naming a file, it keeps the last fields written
 * for each external id and writes them there, as JSON, when it is closed (the runner's exit), so a
 * benchmark can check what was delivered.
 */
public final class InstantAckProvider implements DestinationProvider {

  @Override
  public String kind() {
    return "instant";
  }

  @Override
  public String name() {
    return "instant";
  }

  private static final RecordOutcome OK = new RecordOutcome.Ok(null, false);

  @Override
  public boolean supports(ServerSideSync sync) {
    return System.getProperty("sss.bench.instant") != null;
  }

  @Override
  public Destination create(
      ServerSideSync sync, SecretLookup secrets, DestinationTelemetry telemetry) {
    String recordsFile = System.getProperty("sss.bench.instant.records");
    Map<String, Map<String, Object>> delivered = new ConcurrentHashMap<>();
    return new Destination() {
      @Override
      public DestinationRules rules() {
        return new DestinationRules(18, StoredForm.EMPTY_TEXT_AS_NULL);
      }

      @Override
      public void preflight(List<String> fields) {}

      @Override
      public List<DeliveryPath> deliveryPaths() {
        return List.of(DeliveryPath.perCall("collections", 200, 0, 1, Duration.ofMillis(1)));
      }

      @Override
      public WriteResult write(
          DeliveryPath path, WriteOperation operation, List<DestinationRecord> records) {
        telemetry.apiCall("instant", 200);
        if (recordsFile != null) {
          for (DestinationRecord r : records) {
            delivered.put(r.externalId(), new LinkedHashMap<>(r.fields()));
          }
        }
        List<RecordOutcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
          outcomes.add(OK);
        }
        return new WriteResult(outcomes);
      }

      @Override
      public void close() {
        if (recordsFile != null) {
          try {
            new ObjectMapper().writeValue(Path.of(recordsFile).toFile(), delivered.values());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
  }
}
