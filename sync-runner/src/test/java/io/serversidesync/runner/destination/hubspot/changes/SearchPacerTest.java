package io.serversidesync.runner.destination.hubspot.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.ratelimit.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** At most five searches in any rolling second, counted until a second after each answer. */
class SearchPacerTest {

  @Test
  void noRollingWindowEverHoldsMoreThanFiveSearches() throws Exception {
    ManualTime time = new ManualTime();
    SearchPacer pacer = new SearchPacer(5, Duration.ofSeconds(1), time);
    List<Instant> starts = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      SearchPacer.Slot slot = pacer.acquire();
      starts.add(time.now());
      time.advance(Duration.ofMillis(30)); // the search takes 30 ms
      slot.close();
    }
    for (int i = 5; i < starts.size(); i++) {
      // the sixth search starts a second after the first one's answer
      assertThat(Duration.between(starts.get(i - 5), starts.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1_030));
    }
    // and no slower than that: five at once, then five per 1.03 s
    assertThat(Duration.between(starts.get(0), starts.get(22)))
        .isLessThanOrEqualTo(Duration.ofMillis(4 * 1_030 + 3 * 30 + 30));
  }

  @Test
  void aSearchHeldBackElsewhereCountsFromItsAnswer() throws Exception {
    ManualTime time = new ManualTime();
    SearchPacer pacer = new SearchPacer(1, Duration.ofSeconds(1), time);
    Instant start = time.now();
    SearchPacer.Slot first = pacer.acquire();
    time.advance(Duration.ofMillis(800)); // the shared limiter held it back
    first.close();

    pacer.acquire().close();

    assertThat(Duration.between(start, time.now())).isEqualTo(Duration.ofMillis(1_800));
  }
}
