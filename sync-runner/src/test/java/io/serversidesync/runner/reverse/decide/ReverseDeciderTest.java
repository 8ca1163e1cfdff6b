package io.serversidesync.runner.reverse.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.runner.destination.StoredForm;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReverseDeciderTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant READ = T0.plusSeconds(60);
  private static final String ID = "003000000000001AAA";

  private static FieldHashes hashes(String email) {
    return FieldHashes.ofValues(
        java.util.Arrays.asList("K", "Kay", email),
        new boolean[] {true, true, true},
        StoredForm.EMPTY_TEXT_AS_NULL);
  }

  private static final FieldHashes BASE = hashes("base@x.io");
  private static final FieldHashes SOURCE = hashes("pg@x.io");
  private static final FieldHashes DEST = hashes("sf@x.io");

  private static SyncedVersion version(FieldHashes synced, Instant forwardAt) {
    return new SyncedVersion("K", synced, T0, synced, ID, forwardAt, 0, 0, 0, null);
  }

  private static RowImage row(FieldHashes hashes, Instant committed) {
    return new RowImage("K", List.of("K", "Kay", "x"), hashes, ID, committed);
  }

  private static Decision decide(
      ConflictPolicy policy, Instant modified, FieldHashes dest, SyncedVersion v, RowImage row) {
    return new ReverseDecider(policy).decide(ID, modified, dest, READ, v, row);
  }

  @ParameterizedTest
  @EnumSource(ConflictPolicy.class)
  void theRunnersOwnWriteIsAnEchoWhateverThePolicyAndWhateverIsPending(ConflictPolicy policy) {
    // last synced BASE; the row has moved on to SOURCE (pending or in flight)
    Decision d = decide(policy, T0.plusSeconds(5), BASE, version(BASE, T0), row(SOURCE, READ));
    assertThat(d.verdict()).isEqualTo(Verdict.ECHO);
    assertThat(d.conflict()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(ConflictPolicy.class)
  void aWriteReadBackBeforeItsAcknowledgementIsRecordedIsAnEcho(ConflictPolicy policy) {
    // the runner sent DEST; it landed, but the last recorded version is still BASE
    SyncedVersion sending = new SyncedVersion("K", BASE, T0, BASE, ID, T0, 0, 0, 0, DEST);
    // the row has moved on since (a newer change pending): it must not be overwritten
    Decision d = decide(policy, T0.plusSeconds(5), DEST, sending, row(SOURCE, READ));
    assertThat(d).isEqualTo(Decision.of(Verdict.ECHO));
    // the row was deleted since: the record the runner created is not brought back
    SyncedVersion creating = new SyncedVersion("K", null, null, null, null, null, 0, 0, 0, DEST);
    assertThat(decide(policy, T0.plusSeconds(5), DEST, creating, null).verdict())
        .isEqualTo(Verdict.ECHO);
    // another value is a destination change as before
    assertThat(decide(policy, T0.plusSeconds(5), BASE, creating, null).verdict())
        .isEqualTo(Verdict.INSERT);
  }

  @ParameterizedTest
  @EnumSource(ConflictPolicy.class)
  void aReadThatBeganBeforeTheRunnerRecordedANewerForwardWriteIsOutOfDate(ConflictPolicy policy) {
    // v1 read back after v2 was delivered and recorded: v1 is neither the synced version nor new
    Decision d =
        decide(
            policy, T0.plusSeconds(5), DEST, version(SOURCE, READ.plusMillis(1)), row(SOURCE, T0));
    assertThat(d.verdict()).isEqualTo(Verdict.STALE);
  }

  @Test
  void aVersionOlderThanOneAlreadyReadIsSkippedAndTheSameVersionIsSeen() {
    SyncedVersion v =
        new SyncedVersion("K", BASE, T0.plusSeconds(10), DEST, ID, null, 0, 0, 0, null);
    assertThat(decide(ConflictPolicy.DestinationWins, T0, DEST, v, row(BASE, T0)).verdict())
        .isEqualTo(Verdict.OLDER);
    assertThat(
            decide(ConflictPolicy.DestinationWins, T0.plusSeconds(10), DEST, v, row(BASE, T0))
                .verdict())
        .isEqualTo(Verdict.SEEN);
    // same second, other values: modified again within the second, decided again
    assertThat(
            decide(ConflictPolicy.DestinationWins, T0.plusSeconds(10), SOURCE, v, row(BASE, T0))
                .verdict())
        .isEqualTo(Verdict.APPLY);
  }

  @Test
  void onlyTheDestinationChangedSoItsValuesAreApplied() {
    Decision d =
        decide(
            ConflictPolicy.SourceWins, T0.plusSeconds(5), DEST, version(BASE, T0), row(BASE, T0));
    assertThat(d).isEqualTo(new Decision(Verdict.APPLY, false, false));
  }

  @Test
  void bothSidesHoldingTheSameValuesAgree() {
    Decision d =
        decide(
            ConflictPolicy.SourceWins,
            T0.plusSeconds(5),
            SOURCE,
            version(BASE, T0),
            row(SOURCE, T0));
    assertThat(d.verdict()).isEqualTo(Verdict.AGREE);
    assertThat(decide(ConflictPolicy.SourceWins, T0, SOURCE, null, row(SOURCE, T0)).verdict())
        .isEqualTo(Verdict.AGREE);
  }

  @Test
  void aRowDeletedInPostgresIsNotBroughtBackByTheRecordThatWasSyncedToIt() {
    assertThat(
            decide(ConflictPolicy.DestinationWins, T0.plusSeconds(5), DEST, version(BASE, T0), null)
                .verdict())
        .isEqualTo(Verdict.DELETED_IN_SOURCE);
    // a record created in the destination afterwards (another id) comes in
    SyncedVersion other =
        new SyncedVersion("K", BASE, T0, BASE, "003000000000009AAA", null, 0, 0, 0, null);
    assertThat(
            decide(ConflictPolicy.DestinationWins, T0.plusSeconds(5), DEST, other, null).verdict())
        .isEqualTo(Verdict.INSERT);
    // gone on both sides before: a new record under the key comes in
    SyncedVersion gone = new SyncedVersion("K", null, null, null, null, null, 0, 0, 0, null);
    assertThat(decide(ConflictPolicy.SourceWins, T0, DEST, gone, null).verdict())
        .isEqualTo(Verdict.INSERT);
    // never synced
    assertThat(decide(ConflictPolicy.SourceWins, T0, DEST, null, null).verdict())
        .isEqualTo(Verdict.INSERT);
  }

  @Test
  void conflictsFollowThePolicy() {
    SyncedVersion v = version(BASE, T0);
    Instant sourceTime = T0.plusSeconds(30);
    assertThat(
            decide(ConflictPolicy.SourceWins, T0.plusSeconds(40), DEST, v, row(SOURCE, sourceTime)))
        .isEqualTo(new Decision(Verdict.SOURCE_WINS, true, true));
    assertThat(
            decide(
                ConflictPolicy.DestinationWins,
                T0.plusSeconds(20),
                DEST,
                v,
                row(SOURCE, sourceTime)))
        .isEqualTo(new Decision(Verdict.APPLY, true, false));
    assertThat(
            decide(
                ConflictPolicy.LastWriteWins, T0.plusSeconds(40), DEST, v, row(SOURCE, sourceTime)))
        .isEqualTo(new Decision(Verdict.APPLY, true, false));
    assertThat(
            decide(
                ConflictPolicy.LastWriteWins, T0.plusSeconds(20), DEST, v, row(SOURCE, sourceTime)))
        .isEqualTo(new Decision(Verdict.SOURCE_WINS, true, true));
    // the same second: SystemModstamp has whole seconds, the commit time is later within it
    assertThat(
            decide(
                    ConflictPolicy.LastWriteWins,
                    T0.plusSeconds(30),
                    DEST,
                    v,
                    row(SOURCE, sourceTime.plusMillis(400)))
                .verdict())
        .isEqualTo(Verdict.SOURCE_WINS);
    // no commit time (written before track_commit_timestamp was on): the destination's is newer
    assertThat(
            decide(ConflictPolicy.LastWriteWins, T0.plusSeconds(1), DEST, v, row(SOURCE, null))
                .verdict())
        .isEqualTo(Verdict.APPLY);
  }

  @Test
  void withoutALastSyncedVersionDifferentValuesAreAConflictAndTheSourceIsSentAgainWhenItWins() {
    assertThat(decide(ConflictPolicy.SourceWins, T0, DEST, null, row(SOURCE, T0)))
        .isEqualTo(new Decision(Verdict.SOURCE_WINS, true, true));
    assertThat(decide(ConflictPolicy.DestinationWins, T0, DEST, null, row(SOURCE, T0)))
        .isEqualTo(new Decision(Verdict.APPLY, true, false));
  }

  @Test
  void deletionsInTheDestination() {
    ReverseDecider decider = new ReverseDecider(ConflictPolicy.SourceWins);
    assertThat(decider.decideDeletion(T0, version(BASE, T0), row(BASE, T0)))
        .isEqualTo(new Decision(Verdict.APPLY, false, false));
    assertThat(decider.decideDeletion(T0, version(BASE, T0), row(SOURCE, T0)))
        .isEqualTo(new Decision(Verdict.SOURCE_WINS, true, true));
    assertThat(
            new ReverseDecider(ConflictPolicy.DestinationWins)
                .decideDeletion(T0, version(BASE, T0), row(SOURCE, T0)))
        .isEqualTo(new Decision(Verdict.APPLY, true, true));
    assertThat(
            new ReverseDecider(ConflictPolicy.LastWriteWins)
                .decideDeletion(
                    T0.plusSeconds(5), version(BASE, T0), row(SOURCE, T0.plusSeconds(9)))
                .verdict())
        .isEqualTo(Verdict.SOURCE_WINS);
  }
}
