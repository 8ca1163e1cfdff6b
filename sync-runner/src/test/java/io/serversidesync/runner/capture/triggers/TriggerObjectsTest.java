package io.serversidesync.runner.capture.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.SyncSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerObjectsTest {

  private static TriggerObjects objects(String sync, String filter) {
    return new TriggerObjects(
        SyncSettings.builder()
            .name(sync)
            .schema("public")
            .table("contacts")
            .upsertKey("ref")
            .mapping(List.of(new FieldMap("ref", "Ref__c")))
            .filter(filter)
            .capture(CaptureMethod.Triggers)
            .deletes(DeletePolicy.Delete)
            .maxDelay(Duration.ofSeconds(2))
            .build());
  }

  private static List<String> names(TriggerObjects o) {
    List<String> names = new ArrayList<>(o.triggerNames());
    names.add(o.changeTableName());
    names.add(o.functionName());
    return names;
  }

  @Test
  void namesAreTheSyncsAndFitPostgresEvenForTheLongestSyncName() {
    assertThat(names(objects("contacts-sync", null)))
        .containsExactly(
            "sss_contacts_sync_insert",
            "sss_contacts_sync_update",
            "sss_contacts_sync_delete",
            "sss_contacts_sync_changes",
            "sss_contacts_sync_capture");
    String longest = "a".repeat(58) + "1"; // the longest name a slot allows (sss_ + 59)
    String other = "a".repeat(58) + "2";
    assertThat(names(objects(longest, null))).allSatisfy(n -> assertThat(n).hasSizeLessThan(64));
    assertThat(objects(longest, null).changeTableName())
        .isNotEqualTo(objects(other, null).changeTableName())
        .endsWith("_changes");
  }

  @Test
  void theFunctionRecordsKeysOfRowsTheFilterSelectsBeforeOrAfterAndSkipsTheRunnersWrites() {
    String body = objects("s", "region = 'EU'").functionBody();
    assertThat(body)
        .contains("current_setting('serversidesync.writer', true) = 'sss_s'")
        .contains(
            "FROM sss_new WHERE (region = 'EU') UNION SELECT \"ref\"::text FROM sss_old WHERE")
        .contains("pg_current_wal_insert_lsn()");
    assertThat(objects("s", null).functionBody()).doesNotContain("WHERE");
  }
}
