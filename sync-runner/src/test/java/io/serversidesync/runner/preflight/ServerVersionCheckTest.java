package io.serversidesync.runner.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.PostgresSettings;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.ServerVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerVersionCheckTest {

  private static final SyncSettings SETTINGS =
      SyncSettings.builder()
          .name("contacts")
          .schema("public")
          .table("contacts")
          .upsertKey("ref")
          .mapping(List.of(new FieldMap("ref", "Ref__c")))
          .deletes(DeletePolicy.Ignore)
          .maxRecords(200)
          .maxDelay(Duration.ofSeconds(1))
          .maxPendingKeys(1000)
          .maxPendingBytes(1 << 20)
          .maxConcurrent(1)
          .postgres(new PostgresSettings("h", 5432, "db", "u", "p", SslMode.DISABLE, null))
          .build();

  @Test
  void thirteenToEighteenPassWithoutAFilter() {
    for (int number : new int[] {130023, 140025, 150020, 160016, 170012, 180007}) {
      assertThat(ServerVersionCheck.problems(new ServerVersion(number), SETTINGS)).isEmpty();
    }
  }

  @Test
  void twelveIsRefusedWithTheVersionItNeeds() {
    assertThat(ServerVersionCheck.problems(new ServerVersion(120022), SETTINGS))
        .containsExactly(
            "PostgreSQL 12.22 is not supported: the runner needs 13 or newer (docs/runner.md lists"
                + " the versions); upgrade the server");
  }

  @Test
  void aRowFilterBefore15IsRefusedAndFrom15Accepted() {
    SyncSettings filtered = SETTINGS.withFilter("region = 'EU'");
    assertThat(ServerVersionCheck.problems(new ServerVersion(140025), filtered))
        .containsExactly(
            "spec.source.filter needs PostgreSQL 15 or newer (publication row filters); this"
                + " server is 14.25: remove the filter and sync the whole table, or upgrade the"
                + " server");
    assertThat(ServerVersionCheck.problems(new ServerVersion(150000), filtered)).isEmpty();
  }

  @Test
  void columnListsAndRowFiltersStartAt15() {
    assertThat(new ServerVersion(140025).publicationColumnLists()).isFalse();
    assertThat(new ServerVersion(150000).publicationColumnLists()).isTrue();
    assertThat(new ServerVersion(130023).publicationRowFilters()).isFalse();
    assertThat(new ServerVersion(180007).publicationRowFilters()).isTrue();
    assertThat(new ServerVersion(170012)).hasToString("17.12");
  }
}
