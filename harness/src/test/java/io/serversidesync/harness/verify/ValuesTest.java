package io.serversidesync.harness.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void emptyTextIsNullAsSalesforceStoresIt() {
    assertThat(Values.same("", null)).isTrue();
    assertThat(Values.same("", JSON.nullNode())).isTrue();
    assertThat(Values.same("a", null)).isFalse();
    // only on the Postgres side: a destination that keeps "" is not storing as Salesforce does
    assertThat(Values.same(null, "")).isFalse();
  }

  @Test
  void valuesOfDifferentTypesDifferUnlessOneCameFromTheRestApi() {
    assertThat(Values.same(true, "true")).isFalse();
    assertThat(Values.same(new BigDecimal("1"), "1")).isFalse();
    assertThat(Values.same(true, JSON.valueToTree("true"))).isTrue();
  }

  @Test
  void numbersAreEqualWhenNumericallyEqual() {
    assertThat(Values.same(1925L, new BigDecimal("1925.0"))).isTrue();
    assertThat(Values.same(new BigDecimal("12.50"), JSON.valueToTree(12.5))).isTrue();
    assertThat(Values.same(12L, new BigDecimal("12.01"))).isFalse();
  }

  @Test
  void aRestApiValueCountsAsTheJavaValueItHolds() {
    assertThat(Values.same(LocalDate.of(2026, 1, 31), JSON.valueToTree("2026-01-31"))).isTrue();
    assertThat(Values.same(true, JSON.valueToTree(true))).isTrue();
    assertThat(Values.same("x@y.io", JSON.valueToTree("x@y.io"))).isTrue();
    assertThat(Values.same("x@y.io", JSON.valueToTree("X@y.io"))).isFalse();
  }

  @Test
  void aDifferenceNamesTheFieldAndBothValues() {
    Verifier verifier = new Verifier(Map.of("email", "Email"));
    assertThat(verifier.difference(Map.of("email", "a@x.io", "seq", 7L), Map.of("Email", "b@x.io")))
        .isEqualTo("Email is \"b@x.io\", Postgres has \"a@x.io\" (seq 7)");
    assertThat(verifier.difference(Map.of("email", ""), Map.of())).isNull();
  }
}
