package io.serversidesync.runner.destination.salesforce.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.runner.destination.JsonText;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class SalesforceWireValuesTest {

  static FieldDescription field(String name, String type) {
    return new FieldDescription(name, name, type, 255, true, true, true, false, false, false, null);
  }

  private static Object convert(String type, Object value) throws UnconvertibleValueException {
    return SalesforceWireValues.convert(field("F__c", type), value);
  }

  @Test
  void nullsStayNullForEveryType() throws Exception {
    for (String type : new String[] {"string", "boolean", "double", "date", "datetime", "int"}) {
      assertThat(convert(type, null)).isNull();
    }
  }

  @Test
  void textFieldsTakeEveryValueAsPostgresWouldPrintIt() throws Exception {
    assertThat(convert("string", "Ng")).isEqualTo("Ng");
    assertThat(convert("email", 42L)).isEqualTo("42");
    assertThat(convert("textarea", new BigDecimal("1.50"))).isEqualTo("1.50");
    assertThat(convert("string", 2.0d)).isEqualTo("2");
    assertThat(convert("phone", true)).isEqualTo("true");
    assertThat(convert("string", LocalDate.of(2024, 5, 1))).isEqualTo("2024-05-01");
    assertThat(convert("string", LocalDateTime.of(2024, 5, 1, 12, 30)))
        .isEqualTo("2024-05-01T12:30:00.000Z");
    assertThat(convert("textarea", new JsonText("{\"a\": [1, 2]}"))).isEqualTo("{\"a\": [1, 2]}");
    assertThat(convert("picklist", "")).isEqualTo("");
  }

  @Test
  void datetimesAreIsoUtcWithMilliseconds() throws Exception {
    assertThat(convert("datetime", LocalDateTime.of(2024, 5, 1, 12, 30, 5, 123_456_789)))
        .isEqualTo("2024-05-01T12:30:05.123Z");
    assertThat(convert("datetime", OffsetDateTime.parse("2024-05-01T14:30:00+02:00")))
        .isEqualTo("2024-05-01T12:30:00.000Z");
    assertThat(convert("datetime", LocalDate.of(2024, 5, 1))).isEqualTo("2024-05-01T00:00:00.000Z");
    assertThat(convert("datetime", "2024-05-01 14:30:00.5+02"))
        .isEqualTo("2024-05-01T12:30:00.500Z");
    assertThat(convert("datetime", "2024-05-01T12:30:00Z")).isEqualTo("2024-05-01T12:30:00.000Z");
    assertThat(convert("datetime", "2024-05-01T12:30:00")).isEqualTo("2024-05-01T12:30:00.000Z");
  }

  @Test
  void datesTakeTheUtcDate() throws Exception {
    assertThat(convert("date", LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
    assertThat(convert("date", OffsetDateTime.parse("2024-05-01T23:30:00-02:00")))
        .isEqualTo("2024-05-02");
    assertThat(convert("date", "2024-05-01")).isEqualTo("2024-05-01");
  }

  @Test
  void numbersKeepTheirPrecision() throws Exception {
    assertThat(convert("double", 5L)).isEqualTo(5L);
    assertThat(convert("currency", new BigDecimal("12345678901234.56")))
        .isEqualTo(new BigDecimal("12345678901234.56"));
    assertThat(convert("percent", 0.25d)).isEqualTo(new BigDecimal("0.25"));
    assertThat(convert("double", " 3.5 ")).isEqualTo(new BigDecimal("3.5"));
    assertThat(convert("int", new BigDecimal("7.00"))).isEqualTo(7L);
    assertThat(convert("int", "12")).isEqualTo(12L);
  }

  @Test
  void booleansTakePostgresSpellings() throws Exception {
    assertThat(convert("boolean", true)).isEqualTo(true);
    assertThat(convert("boolean", "t")).isEqualTo(true);
    assertThat(convert("boolean", "FALSE")).isEqualTo(false);
    assertThat(convert("boolean", 0L)).isEqualTo(false);
  }

  @Test
  void timesAreUtcTimeOfDay() throws Exception {
    assertThat(convert("time", LocalTime.of(13, 15))).isEqualTo("13:15:00.000Z");
    assertThat(convert("time", "08:00:01")).isEqualTo("08:00:01.000Z");
  }

  @Test
  void valuesTheFieldCannotTakeAreRefusedWithTheFieldAndTheReason() {
    assertThatThrownBy(() -> convert("double", "twelve"))
        .isInstanceOf(UnconvertibleValueException.class)
        .hasMessage(
            "F__c is a double field and cannot take the value \"twelve\" (String): expected"
                + " a number");
    assertThatThrownBy(() -> convert("int", 1.5d)).hasMessageContaining("whole number");
    assertThatThrownBy(() -> convert("int", 3_000_000_000L)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> convert("boolean", "maybe")).hasMessageContaining("true or false");
    assertThatThrownBy(() -> convert("date", "yesterday")).hasMessageContaining("YYYY-MM-DD");
    assertThatThrownBy(() -> convert("datetime", "05/01/2024")).hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> convert("datetime", LocalDateTime.of(1500, 1, 1, 0, 0)))
        .hasMessageContaining("years 1700 to 4000");
    assertThatThrownBy(() -> convert("double", Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> convert("string", Double.POSITIVE_INFINITY))
        .hasMessageContaining("infinite");
    assertThatThrownBy(() -> convert("double", new JsonText("{}")))
        .hasMessageContaining("expected a number");
    UnconvertibleValueException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            UnconvertibleValueException.class, () -> convert("boolean", "x"));
    assertThat(refused.field()).isEqualTo("F__c");
  }

  @Test
  void longValuesAreShortenedInTheMessage() {
    assertThatThrownBy(() -> convert("double", "x".repeat(500)))
        .hasMessageContaining("x".repeat(80) + "…\"")
        .hasMessageNotContaining("x".repeat(81));
  }

  @Test
  void typesTheDescribeDoesNotNameKeepTheirJsonKind() throws Exception {
    assertThat(convert("anytype", 3)).isEqualTo(3L);
    assertThat(convert("anytype", true)).isEqualTo(true);
    assertThat(convert("anytype", LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02");
  }
}
