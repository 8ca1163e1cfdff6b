package io.serversidesync.runner.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {

  private static final Instant T = Instant.parse("2026-12-04T11:00:00.123Z");

  @Test
  void decimalIdsCompareAsNumbersAndFixedLengthIdsAsText() {
    List<ChangeCursor> cursors =
        new ArrayList<>(
            List.of(
                new ChangeCursor(T, "100"),
                new ChangeCursor(T.plusMillis(1), "1"),
                new ChangeCursor(T, "99"),
                ChangeCursor.START,
                new ChangeCursor(T, "512")));
    cursors.sort(ChangeCursor.ORDER);
    assertThat(cursors)
        .extracting(ChangeCursor::nativeId)
        .containsExactly(null, "99", "100", "512", "1");

    assertThat(
            ChangeCursor.ORDER.compare(
                new ChangeCursor(T, "003000000000042AAA"),
                new ChangeCursor(T, "003000000000100AAA")))
        .isNegative();
  }
}
