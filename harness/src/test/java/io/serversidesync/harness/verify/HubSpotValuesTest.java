package io.serversidesync.harness.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HubSpotValuesTest {

  @Test
  void emptyTextIsNullOnBothSides() {
    assertThat(HubSpotValues.same("", null)).isTrue();
    assertThat(HubSpotValues.same(null, "")).isTrue();
    assertThat(HubSpotValues.same(null, null)).isTrue();
    assertThat(HubSpotValues.same("a", null)).isFalse();
    assertThat(HubSpotValues.same(null, "a")).isFalse();
  }

  @Test
  void typedValuesAreComparedWithTheStringsHubSpotReturns() {
    assertThat(HubSpotValues.same("x@y.io", "x@y.io")).isTrue();
    assertThat(HubSpotValues.same("x@y.io", "X@y.io")).isFalse();
    assertThat(HubSpotValues.same(new BigDecimal("12.50"), "12.5")).isTrue();
    assertThat(HubSpotValues.same(42L, "42")).isTrue();
    assertThat(HubSpotValues.same(42L, "42.01")).isFalse();
    assertThat(HubSpotValues.same(42L, "forty-two")).isFalse();
    assertThat(HubSpotValues.same(true, "true")).isTrue();
    assertThat(HubSpotValues.same(false, "true")).isFalse();
    assertThat(HubSpotValues.same(LocalDate.of(2026, 1, 31), "2026-01-31")).isTrue();
    Instant at = Instant.parse("2026-12-04T11:22:33.456Z");
    assertThat(HubSpotValues.same(at, "2026-12-04T11:22:33.456Z")).isTrue();
    assertThat(HubSpotValues.same(at, Long.toString(at.toEpochMilli()))).isTrue();
    assertThat(HubSpotValues.same(at, "2026-12-04T11:22:33.457Z")).isFalse();
  }
}
