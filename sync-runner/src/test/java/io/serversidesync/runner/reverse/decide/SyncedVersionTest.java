package io.serversidesync.runner.reverse.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.StoredForm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncedVersionTest {

  private static final List<String> FIELDS = List.of("Email");
  private static final FieldHashes ACKED =
      FieldHashes.ofFields(FIELDS, Map.of("Email", "a@x.io"), StoredForm.EMPTY_TEXT_AS_NULL);
  private static final FieldHashes OTHER =
      FieldHashes.ofFields(FIELDS, Map.of("Email", "b@x.io"), StoredForm.EMPTY_TEXT_AS_NULL);

  private static SyncedVersion version(long forwardLsn, long resendAfter) {
    return new SyncedVersion(
        "K", ACKED, null, null, "003", Instant.EPOCH, 0, forwardLsn, resendAfter, null);
  }

  @Test
  void aChangeNoNewerThanTheAcknowledgedOneOrHoldingTheSyncedValuesIsDelivered() {
    SyncedVersion v = version(100, 0);
    assertThat(v.delivered(100, OTHER)).isTrue();
    assertThat(v.delivered(90, OTHER)).isTrue();
    assertThat(v.delivered(200, ACKED)).isTrue();
    assertThat(v.delivered(0, ACKED)).isTrue();
    assertThat(v.delivered(200, OTHER)).isFalse();
    assertThat(v.delivered(0, OTHER)).isFalse();
  }

  @Test
  void aKeyAskedToBeSentAgainIsSentFromTheRequestOnWhateverWasAcknowledged() {
    SyncedVersion v = version(100, 150);
    // the resent row (read at the request's position or later) goes out with the synced values
    assertThat(v.delivered(150, ACKED)).isFalse();
    assertThat(v.delivered(300, ACKED)).isFalse();
    // a change captured before the request is judged as usual: the resend follows it
    assertThat(v.delivered(120, ACKED)).isTrue();
    assertThat(v.delivered(90, OTHER)).isTrue();
  }

  @Test
  void aReplayedChangeOlderThanTheAcknowledgedOneIsNeverSentEvenWithAResendPending() {
    // asked to be sent again at 50, then a change committed at 100 was acknowledged: a replay of
    // the changes between (after a restart) must not put their older values back
    SyncedVersion v = version(100, 50);
    assertThat(v.delivered(60, OTHER)).isTrue();
    assertThat(v.delivered(100, OTHER)).isTrue();
    assertThat(v.delivered(120, ACKED)).isFalse();
    assertThat(v.delivered(120, OTHER)).isFalse();
  }
}
