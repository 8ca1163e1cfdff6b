package io.serversidesync.runner.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.ParentLink;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.config.TwoWaySettings;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What two-way sync needs from the source database, each problem with its fix. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class TwoWayPreflightIT {

  private static SyncSettings twoWay(
      PostgresDatabase db, String table, String idColumn, ConflictPolicy policy, DeletePolicy d) {
    return EngineHarness.settings(db, "tw", table, d, "ref", "v")
        .withTwoWay(new TwoWaySettings(Duration.ofSeconds(30), idColumn, policy, 2000));
  }

  private static PreflightException problems(Connection c, SyncSettings settings) throws Exception {
    try {
      new Preflight(settings, 18).check(c);
    } catch (PreflightException e) {
      return e;
    }
    throw new AssertionError("preflight passed");
  }

  @Test
  void aTableWithATextIdColumnPasses(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE tw_good (ref text PRIMARY KEY, v text, sf_id varchar(18))");
    try (Connection c = db.connect()) {
      new Preflight(
              twoWay(db, "tw_good", "sf_id", ConflictPolicy.LastWriteWins, DeletePolicy.Delete), 18)
          .check(c);
    }
  }

  @Test
  void aMissingOrNonTextIdColumnIsNamedWithItsFix(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE tw_ids (ref text PRIMARY KEY, v text, numeric_id bigint, short_id"
            + " varchar(15))");
    try (Connection c = db.connect()) {
      assertThat(
              problems(
                      c,
                      twoWay(db, "tw_ids", "sf_id", ConflictPolicy.SourceWins, DeletePolicy.Ignore))
                  .problems())
          .containsExactly(
              "spec.twoWay.destinationIdColumn: column sf_id of public.tw_ids does not exist; it"
                  + " receives the destination's record ids: ALTER TABLE public.tw_ids ADD COLUMN"
                  + " sf_id text");
      assertThat(
              problems(
                      c,
                      twoWay(
                          db,
                          "tw_ids",
                          "numeric_id",
                          ConflictPolicy.SourceWins,
                          DeletePolicy.Ignore))
                  .problems())
          .containsExactly(
              "spec.twoWay.destinationIdColumn: column numeric_id of public.tw_ids is bigint, but"
                  + " destination ids are text: ALTER TABLE public.tw_ids ALTER COLUMN numeric_id"
                  + " TYPE text");
      assertThat(
              problems(
                      c,
                      twoWay(
                          db, "tw_ids", "short_id", ConflictPolicy.SourceWins, DeletePolicy.Ignore))
                  .problems())
          .containsExactly(
              "spec.twoWay.destinationIdColumn: column short_id of public.tw_ids holds at most 15"
                  + " characters, but destination ids have up to 18: ALTER TABLE public.tw_ids"
                  + " ALTER COLUMN short_id TYPE text");
    }
  }

  @Test
  void aParentIdColumnIsCheckedLikeTheDestinationIdColumn(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE tw_parents (ref text PRIMARY KEY, v text, account_ref text, sf_id text,"
            + " account_id bigint)");
    SyncSettings base =
        twoWay(db, "tw_parents", "sf_id", ConflictPolicy.SourceWins, DeletePolicy.Ignore);
    java.util.function.Function<String, SyncSettings> withParentIdColumn =
        column ->
            base.toBuilder()
                .mapping(
                    List.of(
                        base.mapping().get(0),
                        base.mapping().get(1),
                        new FieldMap(
                            "account_ref",
                            "AccountId",
                            new ParentLink(
                                "Account", "Account_Ref__c", Duration.ofMinutes(1), column))))
                .build();
    try (Connection c = db.connect()) {
      assertThat(problems(c, withParentIdColumn.apply("account_sf_id")).problems())
          .containsExactly(
              "spec.mapping[2].reference.idColumn: column account_sf_id of public.tw_parents does"
                  + " not exist; it receives the record ids of AccountId's parents: ALTER TABLE"
                  + " public.tw_parents ADD COLUMN account_sf_id text");
      assertThat(problems(c, withParentIdColumn.apply("account_id")).problems())
          .containsExactly(
              "spec.mapping[2].reference.idColumn: column account_id of public.tw_parents is"
                  + " bigint, but destination ids are text: ALTER TABLE public.tw_parents ALTER"
                  + " COLUMN account_id TYPE text");
      db.execute("ALTER TABLE tw_parents ALTER COLUMN account_id TYPE text");
      new Preflight(withParentIdColumn.apply("account_id"), 18).check(c);
    }
  }

  @Test
  void aRoleThatCannotWriteTheTableOrUseReplicationOriginsIsToldTheGrants(PostgresDatabase db)
      throws Exception {
    db.execute(
        "CREATE TABLE tw_guarded (ref text PRIMARY KEY, v text, sf_id text)",
        "DROP ROLE IF EXISTS sss_reader",
        "CREATE ROLE sss_reader LOGIN REPLICATION PASSWORD 'reader-pw'",
        "GRANT SELECT ON tw_guarded TO sss_reader",
        "GRANT CREATE ON DATABASE " + db.name() + " TO sss_reader");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "sss_reader", "reader-pw")) {
      assertThat(
              problems(
                      c,
                      twoWay(
                          db,
                          "tw_guarded",
                          "sf_id",
                          ConflictPolicy.SourceWins,
                          DeletePolicy.Delete))
                  .problems())
          .containsExactly(
              "role sss_reader cannot INSERT and UPDATE and DELETE public.tw_guarded, which"
                  + " two-way sync does to apply destination changes (and deletions): GRANT"
                  + " INSERT, UPDATE, DELETE ON public.tw_guarded TO sss_reader",
              "role sss_reader cannot use replication origins, which keep the runner's own"
                  + " writes from being sent back to the destination: as a superuser, GRANT"
                  + " EXECUTE ON FUNCTION pg_replication_origin_create(text),"
                  + " pg_replication_origin_session_setup(text),"
                  + " pg_replication_origin_drop(text) TO sss_reader");
      // the fixes it names are enough
      db.execute(
          "GRANT INSERT, UPDATE, DELETE ON tw_guarded TO sss_reader",
          "GRANT EXECUTE ON FUNCTION pg_replication_origin_create(text),"
              + " pg_replication_origin_session_setup(text), pg_replication_origin_drop(text)"
              + " TO sss_reader");
      new Preflight(
              twoWay(db, "tw_guarded", "sf_id", ConflictPolicy.SourceWins, DeletePolicy.Delete), 18)
          .check(c);
    } finally {
      db.execute(
          "REVOKE ALL ON tw_guarded FROM sss_reader",
          "REVOKE CREATE ON DATABASE " + db.name() + " FROM sss_reader",
          "REVOKE EXECUTE ON FUNCTION pg_replication_origin_create(text),"
              + " pg_replication_origin_session_setup(text), pg_replication_origin_drop(text)"
              + " FROM sss_reader",
          "DROP ROLE sss_reader");
    }
  }

  @Test
  void lastWriteWinsNeedsCommitTimestamps() {
    assertThat(TwoWayChecks.commitTimestampProblem("on")).isNull();
    assertThat(TwoWayChecks.commitTimestampProblem("off"))
        .startsWith(
            "spec.twoWay.conflictPolicy is LastWriteWins, which compares Postgres commit times"
                + " with the destination's modification times, but track_commit_timestamp is off:"
                + " ALTER SYSTEM SET track_commit_timestamp = on and restart the server");
  }
}
