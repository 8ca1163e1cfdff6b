package io.serversidesync.runner.bench;

import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationProvider;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.DestinationRules;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.StoredForm;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.destination.salesforce.SalesforceDestinationProvider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Benchmark-only provider (latency group): when the system property {@code sss.bench.ackLog} names
 * a file, the real Salesforce destination, with the moment each record's acknowledgement reached
 * the runner appended to that file as {@code key<TAB>version<TAB>epoch µs}; the version is the
 * value of the field named by {@code sss.bench.ackField}. Nothing else changes: the runner's
 * engine, the Salesforce client and its rate limiter run as in production.
 */
public final class AckTimingProvider implements DestinationProvider {

  @Override
  public String kind() {
    return "ack-timing";
  }

  @Override
  public String name() {
    return "ack-timing";
  }

  @Override
  public boolean supports(ServerSideSync sync) {
    return System.getProperty("sss.bench.ackLog") != null
        && new SalesforceDestinationProvider().supports(sync);
  }

  @Override
  public Destination create(
      ServerSideSync sync, SecretLookup secrets, DestinationTelemetry telemetry)
      throws DestinationException {
    Destination real = new SalesforceDestinationProvider().create(sync, secrets, telemetry);
    String field = System.getProperty("sss.bench.ackField", "Title");
    try {
      BufferedWriter log = Files.newBufferedWriter(Path.of(System.getProperty("sss.bench.ackLog")));
      return new Timed(real, field, log);
    } catch (IOException e) {
      real.close();
      throw new UncheckedIOException("cannot open the acknowledgement log", e);
    }
  }

  private static final class Timed implements Destination {

    @Override
    public DestinationRules rules() {
      return new DestinationRules(18, StoredForm.EMPTY_TEXT_AS_NULL);
    }

    private final Destination real;
    private final String field;
    private final BufferedWriter log;

    Timed(Destination real, String field, BufferedWriter log) {
      this.real = real;
      this.field = field;
      this.log = log;
    }

    @Override
    public void preflight(List<String> fields) throws DestinationException {
      real.preflight(fields);
    }

    @Override
    public List<DeliveryPath> deliveryPaths() {
      return real.deliveryPaths();
    }

    @Override
    public WriteResult write(
        DeliveryPath path, WriteOperation operation, List<DestinationRecord> records)
        throws DestinationException {
      WriteResult result = real.write(path, operation, records);
      Instant acknowledged = Instant.now();
      long micros = acknowledged.getEpochSecond() * 1_000_000L + acknowledged.getNano() / 1_000;
      StringBuilder lines = new StringBuilder(records.size() * 32);
      for (int i = 0; i < records.size(); i++) {
        if (result.outcomes().get(i) instanceof RecordOutcome.Ok) {
          DestinationRecord r = records.get(i);
          lines
              .append(r.externalId())
              .append('\t')
              .append(r.fields().get(field))
              .append('\t')
              .append(micros)
              .append('\n');
        }
      }
      synchronized (log) {
        try {
          log.append(lines);
          log.flush();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write the acknowledgement log", e);
        }
      }
      return result;
    }

    @Override
    public void close() {
      try {
        real.close();
      } finally {
        synchronized (log) {
          try {
            log.close();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot close the acknowledgement log", e);
          }
        }
      }
    }
  }
}
