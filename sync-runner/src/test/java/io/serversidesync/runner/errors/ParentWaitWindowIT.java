package io.serversidesync.runner.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The waitForParent window of a key as the errors table keeps it: kept across the tries of one
 * wait, and a new one for a failure that comes after the runner gave up (a later change of the row,
 * or a replay), so that such a failure is not given up at once.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class ParentWaitWindowIT {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private static ErrorEntry missingParent(long lsn) {
    return new ErrorEntry(
        "C1",
        lsn,
        ErrorEntry.PARENT_NOT_FOUND,
        "Foreign key external ID: A-404 not found for field Account_Ref__c in entity Account",
        List.of("AccountId"),
        "{\"account_ref\": \"A-404\"}",
        1,
        WINDOW);
  }

  private static Map<String, Object> row(PostgresDatabase db) {
    return db.query(
            "SELECT retry_at, retry_until, message FROM serversidesync.errors"
                + " WHERE sync = 'window' AND resolved_at IS NULL")
        .get(0);
  }

  private static Instant instant(Object timestamp) {
    return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
  }

  @Test
  void aFailureAfterTheRunnerGaveUpStartsANewWindow(PostgresDatabase db) throws Exception {
    ErrorsTable errors = new ErrorsTable("window");
    try (Connection c = db.connect()) {
      ErrorsTable.create(c);

      assertThat(errors.record(c, List.of(missingParent(100)), T0)).isZero();
      assertThat(instant(row(db).get("retry_until"))).isEqualTo(T0.plus(WINDOW));

      // a try within the window keeps it
      errors.record(c, List.of(missingParent(100)), T0.plusSeconds(30));
      assertThat(instant(row(db).get("retry_until"))).isEqualTo(T0.plus(WINDOW));
      assertThat(row(db).get("retry_at")).isNotNull();

      // the try at its end gives up: the row now waits for a person
      assertThat(errors.record(c, List.of(missingParent(100)), T0.plusSeconds(60))).isEqualTo(1);
      assertThat(row(db).get("retry_at")).isNull();
      assertThat((String) row(db).get("message")).contains("gave up waiting for the parent");

      // the row changed again (or a replay was asked for) and its parent is still missing
      Instant later = T0.plusSeconds(600);
      assertThat(errors.record(c, List.of(missingParent(200)), later)).isZero();
      assertThat(instant(row(db).get("retry_until"))).isEqualTo(later.plus(WINDOW));
      assertThat(instant(row(db).get("retry_at"))).isEqualTo(later.plus(ParentWait.FIRST));
      assertThat((String) row(db).get("message")).contains("the parent may still arrive");
    }
  }
}
