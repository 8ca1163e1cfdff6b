package io.serversidesync.runner.testing;

import io.serversidesync.api.v1alpha1.PostgresConnection;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only provider (registered in src/test/resources/META-INF/services): when the system property
 * {@code sss.test.sink.table} names a table, the runner "writes to the destination" by upserting
 * into that table of the source database (external_id text PRIMARY KEY, fields text), so a test can
 * watch a runner in another JVM. Records whose external id starts with "hold" are acknowledged only
 * after {@code sss.test.sink.delayMs}.
 */
public final class TableSinkProvider implements DestinationProvider {

  @Override
  public String kind() {
    return "table-sink";
  }

  @Override
  public String name() {
    return "table-sink";
  }

  @Override
  public boolean supports(ServerSideSync sync) {
    return System.getProperty("sss.test.sink.table") != null;
  }

  @Override
  public Destination create(
      ServerSideSync sync, SecretLookup secrets, DestinationTelemetry telemetry)
      throws DestinationException {
    PostgresConnection pg = sync.getSpec().getSource().getPostgres();
    try {
      var ref = pg.getCredentialsSecretRef();
      String user = secrets.get(ref.getName(), ref.getUsernameKey());
      String password = secrets.get(ref.getName(), ref.getPasswordKey());
      String url =
          "jdbc:postgresql://" + pg.getHost() + ":" + pg.getPort() + "/" + pg.getDatabase();
      return new Sink(url, user, password, System.getProperty("sss.test.sink.table"), telemetry);
    } catch (SecretLookup.MissingSecretException e) {
      throw new DestinationException(
          DestinationException.Kind.CONFIGURATION, "MissingSecret", e.getMessage());
    }
  }

  private static final class Sink implements Destination {

    @Override
    public DestinationRules rules() {
      return new DestinationRules(18, StoredForm.EMPTY_TEXT_AS_NULL);
    }

    private final String url;
    private final String user;
    private final String password;
    private final String table;
    private final DestinationTelemetry telemetry;
    private final long delayMs = Long.getLong("sss.test.sink.delayMs", 0);

    Sink(String url, String user, String password, String table, DestinationTelemetry telemetry) {
      this.url = url;
      this.user = user;
      this.password = password;
      this.table = table;
      this.telemetry = telemetry;
    }

    @Override
    public void preflight(List<String> fields) {}

    @Override
    public List<DeliveryPath> deliveryPaths() {
      return List.of(DeliveryPath.perCall("collections", 200, 0, 1, Duration.ofMillis(50)));
    }

    @Override
    public WriteResult write(
        DeliveryPath path, WriteOperation operation, List<DestinationRecord> records)
        throws DestinationException {
      telemetry.apiCall("sink", 200);
      if (delayMs > 0 && records.stream().anyMatch(r -> r.externalId().startsWith("hold"))) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DestinationException(
              DestinationException.Kind.TRANSIENT, "Interrupted", "interrupted");
        }
      }
      try (Connection c = DriverManager.getConnection(url, user, password);
          PreparedStatement s =
              c.prepareStatement(
                  operation == WriteOperation.DELETE
                      ? "DELETE FROM " + table + " WHERE external_id = ?"
                      : "INSERT INTO "
                          + table
                          + " (external_id, fields) VALUES (?, ?)"
                          + " ON CONFLICT (external_id) DO UPDATE SET fields = EXCLUDED.fields")) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (DestinationRecord r : records) {
          s.setString(1, r.externalId());
          if (operation != WriteOperation.DELETE) {
            s.setString(2, String.valueOf(r.fields()));
          }
          s.addBatch();
          outcomes.add(new RecordOutcome.Ok(null, false));
        }
        s.executeBatch();
        return new WriteResult(outcomes);
      } catch (SQLException e) {
        throw new DestinationException(
            DestinationException.Kind.TRANSIENT, "SinkUnavailable", e.getMessage(), null, e);
      }
    }

    @Override
    public void close() {}
  }
}
