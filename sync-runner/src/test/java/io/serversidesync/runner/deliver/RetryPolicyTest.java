package io.serversidesync.runner.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backoffGrowsExponentiallyWithJitterUpToTheCap() {
    RetryPolicy p =
        new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 5, Duration.ofSeconds(30));
    for (int i = 0; i < 50; i++) {
      assertThat(p.backoff(1).toMillis()).isBetween(50L, 100L);
      assertThat(p.backoff(3).toMillis()).isBetween(200L, 400L);
      assertThat(p.backoff(40).toMillis()).isBetween(2500L, 5000L);
    }
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToLong(i -> p.backoff(4).toMillis())
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(1);
  }
}
