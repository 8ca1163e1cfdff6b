package io.serversidesync.runner.reverse.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.runner.destination.ChangedRecord;
import io.serversidesync.runner.destination.StoredForm;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A record whose lookup points at a parent without external id: what Postgres holds for the lookup
 * stays, the rest of the record is decided on as usual, and without a row it is not inserted.
 */
class PageItemTest {

  private static final List<String> FIELDS = List.of("Customer_Ref__c", "LastName", "AccountId");
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant READ = T0.plusSeconds(60);
  private static final String ID = "003000000000001AAA";
  private static final String ORPHAN_PARENT = "001000000000009AAA";

  /** C1 as Salesforce holds it, its Account one without Account_Ref__c. */
  private static PageItem parentWithoutKey(String lastName) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Customer_Ref__c", "C1");
    fields.put("LastName", lastName);
    Map<String, String> parents = new HashMap<>();
    parents.put("AccountId", ORPHAN_PARENT);
    ChangedRecord r = new ChangedRecord(ID, "C1", T0.plusSeconds(5), fields, parents);
    return new PageItem(
        r, "C1", FieldHashes.ofFields(FIELDS, fields, StoredForm.EMPTY_TEXT_AS_NULL));
  }

  private static RowImage row(String lastName, String accountRef) {
    List<String> texts = Arrays.asList("C1", lastName, accountRef);
    return new RowImage(
        "C1",
        texts,
        FieldHashes.ofValues(
            texts, new boolean[] {true, true, true}, StoredForm.EMPTY_TEXT_AS_NULL),
        ID,
        T0);
  }

  private static SyncedVersion version(RowImage row) {
    return new SyncedVersion("C1", row.hashes(), T0, row.hashes(), ID, T0, 0, 0, 0, null);
  }

  private static PageDecisions decide(PageItem item, RowImage row, SyncedVersion version) {
    Map<String, RowImage> rows = new HashMap<>();
    Map<String, SyncedVersion> versions = new HashMap<>();
    if (row != null) {
      rows.put("C1", row);
    }
    if (version != null) {
      versions.put("C1", version);
    }
    return PageDecisions.decide(
        List.of(item.completedFrom(row, FIELDS)),
        rows,
        versions,
        READ,
        new ReverseDecider(ConflictPolicy.LastWriteWins),
        new ConflictNotes(
            List.of("ref", "last_name", "account_ref"), StoredForm.EMPTY_TEXT_AS_NULL),
        new SkipTally());
  }

  @Test
  void theRowsLookupValueStandsInForTheUnknownOne() {
    PageItem completed = parentWithoutKey("Changed").completedFrom(row("One", "A-1"), FIELDS);
    assertThat(completed.partlyUnknown()).isFalse();
    assertThat(completed.record().fields())
        .containsEntry("LastName", "Changed")
        .containsEntry("AccountId", "A-1");
    assertThat(completed.record().parentIds()).containsEntry("AccountId", ORPHAN_PARENT);
    assertThat(completed.hashes().sameAs(row("Changed", "A-1").hashes())).isTrue();
  }

  @Test
  void anotherFieldsChangeIsAppliedWithTheLookupColumnKept() {
    RowImage row = row("One", "A-1");
    PageDecisions page = decide(parentWithoutKey("Changed"), row, version(row));
    assertThat(page.updates()).hasSize(1);
    assertThat(page.updates().get(0).item().record().fields()).containsEntry("AccountId", "A-1");
  }

  @Test
  void nothingElseChangedIsNotAChange() {
    RowImage row = row("One", "A-1");
    PageDecisions page = decide(parentWithoutKey("One"), row, version(row));
    assertThat(page.updates()).isEmpty();
    assertThat(page.inserts()).isEmpty();
    assertThat(page.resend()).isFalse();
  }

  @Test
  void withoutARowTheRecordIsSkippedNamingItsParentNotInsertedWithAnEmptyLookup() {
    SkipTally skips = new SkipTally();
    PageDecisions page =
        PageDecisions.decide(
            List.of(parentWithoutKey("New")),
            Map.of(),
            Map.of(),
            READ,
            new ReverseDecider(ConflictPolicy.LastWriteWins),
            new ConflictNotes(
                List.of("ref", "last_name", "account_ref"), StoredForm.EMPTY_TEXT_AS_NULL),
            skips);
    assertThat(page.inserts()).isEmpty();
    assertThat(skips.counts()).containsEntry(Skip.PARENT_WITHOUT_KEY, 1);
    assertThat(skips.examples().get(Skip.PARENT_WITHOUT_KEY))
        .isEqualTo(ID + " (AccountId " + ORPHAN_PARENT + ")");
    assertThat(
            page.versions(
                List.of(parentWithoutKey("New")), Map.of(), Set.of(), Set.of(), 0, new HashMap<>()))
        .isEmpty();
  }
}
