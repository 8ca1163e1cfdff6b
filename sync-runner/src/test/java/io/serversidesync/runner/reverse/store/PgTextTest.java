package io.serversidesync.runner.reverse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Found by the two-way chaos run: Salesforce's 1925.0 for a Number(18,0) into a bigint column. */
class PgTextTest {

  @Test
  void wholeNumbersLoseTheirZeroFractionSoIntegerColumnsTakeThem() {
    assertThat(PgText.of(new BigDecimal("1925.0"))).isEqualTo("1925");
    assertThat(PgText.of(new BigDecimal("-40.00"))).isEqualTo("-40");
    assertThat(PgText.of(new BigDecimal("0.0"))).isEqualTo("0");
    assertThat(PgText.of(1925.0d)).isEqualTo("1925");
    assertThat(PgText.of(new BigDecimal("1E+3"))).isEqualTo("1000");
  }

  @Test
  void fractionsAndPlainIntegersKeepTheirDigits() {
    assertThat(PgText.of(new BigDecimal("10.50"))).isEqualTo("10.50");
    assertThat(PgText.of(new BigDecimal("-0.01"))).isEqualTo("-0.01");
    assertThat(PgText.of(new BigDecimal("12345678901234567890"))).isEqualTo("12345678901234567890");
    assertThat(PgText.of(2.5d)).isEqualTo("2.5");
    assertThat(PgText.of(42L)).isEqualTo("42");
    assertThat(PgText.of(null)).isNull();
  }
}
