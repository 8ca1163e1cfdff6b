package io.serversidesync.runner.destination.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DailyBudgetTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:30Z");
  private static final Duration PROBE = Duration.ofMinutes(5);

  @Test
  void withoutAReportedAllocationOnlyTheOrgRuleApplies() {
    DailyBudget budget = new DailyBudget(0.2, PROBE);
    for (int i = 0; i < 1000; i++) {
      budget.record(T0);
    }
    assertThat(budget.check(T0)).isNull();
    assertThat(budget.ownLimit()).isEqualTo(-1);
  }

  @Test
  void theSyncStopsAtItsShareAndGoesOnWhenItsOldestRequestsLeaveTheWindow() {
    DailyBudget budget = new DailyBudget(0.2, PROBE);
    budget.observe(10, 100, T0); // share = 20 requests
    for (int i = 0; i < 15; i++) {
      budget.record(T0);
    }
    Instant later = T0.plus(Duration.ofHours(1));
    for (int i = 0; i < 5; i++) {
      budget.record(later);
    }
    DailyBudget.Block block = budget.check(later);
    assertThat(block).isNotNull();
    assertThat(block.why()).contains("made 20 requests").contains("share is 20").contains("20%");
    // The first 15 were made in the minute of T0: they leave the window 24 h later.
    assertThat(block.until()).isEqualTo(Instant.parse("2026-01-06T10:00:00Z"));
    assertThat(budget.check(block.until())).isNull();
    assertThat(budget.ownUsage(block.until())).isEqualTo(5);
  }

  @Test
  void othersUsageThatSpendsTheOrgAllocationStopsTheSyncWithOneProbePerInterval() {
    DailyBudget budget = new DailyBudget(0.2, PROBE);
    budget.observe(100, 100, T0);
    DailyBudget.Block block = budget.check(T0);
    assertThat(block).isNotNull();
    assertThat(block.until()).isEqualTo(T0.plus(PROBE));
    assertThat(block.why()).contains("api-usage 100/100");

    Instant probeTime = T0.plus(PROBE);
    assertThat(budget.check(probeTime)).as("one probe goes through").isNull();
    assertThat(budget.check(probeTime)).as("the next waits for the probe's answer").isNotNull();

    budget.observe(99, 100, probeTime);
    assertThat(budget.check(probeTime)).isNull();
  }

  @Test
  void aRefusalForTheDailyLimitCountsAsSpentUntilAReportSaysOtherwise() {
    DailyBudget budget = new DailyBudget(1.0, PROBE);
    budget.observe(10, 100, T0);
    budget.markOrgSpent(T0);
    assertThat(budget.check(T0)).isNotNull();
    budget.observe(11, 100, T0.plusSeconds(1));
    assertThat(budget.check(T0.plusSeconds(1))).isNull();
  }

  @Test
  void unreadableFiguresAreIgnored() {
    DailyBudget budget = new DailyBudget(0.5, PROBE);
    budget.observe(5, 0, T0);
    budget.observe(-1, 10, T0);
    assertThat(budget.ownLimit()).isEqualTo(-1);
    assertThat(budget.check(T0)).isNull();
  }
}
