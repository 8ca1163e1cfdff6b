package io.serversidesync.runner.destination.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void aFullBucketLetsOneSecondsWorthThroughAtOnceThenPaces() {
    TokenBucket bucket = new TokenBucket(5, T0);
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.reserve(T0)).isZero();
    }
    assertThat(bucket.reserve(T0)).isEqualTo(Duration.ofMillis(200));
    // Queued callers wait in turn, not all for the same slot.
    assertThat(bucket.reserve(T0)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void tokensComeBackAtTheConfiguredRateUpToTheBurst() {
    TokenBucket bucket = new TokenBucket(2, T0);
    bucket.reserve(T0);
    bucket.reserve(T0);
    assertThat(bucket.reserve(T0.plusMillis(500))).isZero();
    assertThat(bucket.reserve(T0.plusMillis(500))).isEqualTo(Duration.ofMillis(500));
    // After a long idle time the bucket holds only its capacity.
    Instant later = T0.plusSeconds(60);
    assertThat(bucket.reserve(later)).isZero();
    assertThat(bucket.reserve(later)).isZero();
    assertThat(bucket.reserve(later)).isPositive();
  }

  @Test
  void belowOneRequestPerSecondTheBurstIsOne() {
    TokenBucket bucket = new TokenBucket(0.5, T0);
    assertThat(bucket.reserve(T0)).isZero();
    assertThat(bucket.reserve(T0)).isEqualTo(Duration.ofSeconds(2));
  }
}
