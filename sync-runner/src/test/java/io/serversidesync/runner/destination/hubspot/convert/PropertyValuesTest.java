package io.serversidesync.runner.destination.hubspot.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.JsonText;
import io.serversidesync.runner.destination.hubspot.properties.HubSpotProperty;
import io.serversidesync.runner.destination.hubspot.properties.PropertyType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Postgres-typed values as HubSpot takes them, and the values refused with their reason. */
class PropertyValuesTest {

  private static HubSpotProperty property(PropertyType type, String... options) {
    return new HubSpotProperty(
        "p", type, type.name().toLowerCase(), false, false, List.of(options));
  }

  private static String sent(PropertyType type, Object value) {
    return ((PropertyValues.Value) PropertyValues.encode(property(type), value)).text();
  }

  private static ValueRefusal refused(HubSpotProperty property, Object value) {
    return ((PropertyValues.Refused) PropertyValues.encode(property, value)).refusal();
  }

  @Test
  void nullClearsThePropertyWhateverItsType() {
    for (PropertyType type : PropertyType.values()) {
      assertThat(sent(type, null)).isEmpty();
    }
  }

  @Test
  void datesAreMidnightUtcAndDatetimesEpochMilliseconds() {
    assertThat(sent(PropertyType.DATE, LocalDate.of(2026, 12, 4))).isEqualTo("1796342400000");
    assertThat(sent(PropertyType.DATE, LocalDateTime.of(2026, 12, 4, 0, 0)))
        .isEqualTo("1796342400000");
    assertThat(sent(PropertyType.DATETIME, OffsetDateTime.parse("2026-12-04T01:00:00+01:00")))
        .isEqualTo("1796342400000");
    // timestamp without time zone: UTC
    assertThat(sent(PropertyType.DATETIME, LocalDateTime.of(2026, 12, 4, 0, 0, 0, 5_000_000)))
        .isEqualTo("1796342400005");
  }

  @Test
  void numbersBooleansAndTextKeepTheirValue() {
    assertThat(sent(PropertyType.NUMBER, 42L)).isEqualTo("42");
    assertThat(sent(PropertyType.NUMBER, new BigDecimal("1.50"))).isEqualTo("1.5");
    assertThat(sent(PropertyType.NUMBER, 0.25d)).isEqualTo("0.25");
    assertThat(sent(PropertyType.NUMBER, " 7 ")).isEqualTo("7");
    assertThat(sent(PropertyType.BOOL, true)).isEqualTo("true");
    assertThat(sent(PropertyType.BOOL, "FALSE")).isEqualTo("false");
    assertThat(sent(PropertyType.STRING, new JsonText("{\"a\":1}"))).isEqualTo("{\"a\":1}");
    assertThat(sent(PropertyType.STRING, new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(sent(PropertyType.STRING, "")).isEmpty();
  }

  @Test
  void enumerationsTakeTheirOptionsAlsoSeveralSeparatedBySemicolons() {
    HubSpotProperty stage = property(PropertyType.ENUMERATION, "lead", "customer");

    assertThat(((PropertyValues.Value) PropertyValues.encode(stage, "lead;customer")).text())
        .isEqualTo("lead;customer");
    assertThat(refused(stage, "lead;champion"))
        .isEqualTo(
            new ValueRefusal(
                "INVALID_OPTION",
                "property p has no option \"champion\"; its options are lead, customer (add the"
                    + " option in HubSpot, or change the value in Postgres)"));
  }

  @Test
  void whatCannotBecomeThePropertysTypeIsRefusedWithTheReason() {
    assertThat(refused(property(PropertyType.NUMBER), "forty-two").code())
        .isEqualTo("INVALID_NUMBER");
    assertThat(refused(property(PropertyType.NUMBER), Double.NaN).code())
        .isEqualTo("INVALID_NUMBER");
    assertThat(refused(property(PropertyType.DATE), LocalDateTime.of(2026, 12, 4, 9, 30)))
        .isEqualTo(
            new ValueRefusal(
                "INVALID_DATE",
                "property p is a date property; \"2026-12-04T09:30\" is not a date (map a date"
                    + " column, or a datetime property for a timestamp)"));
    assertThat(refused(property(PropertyType.DATETIME), "yesterday").code())
        .isEqualTo("INVALID_DATETIME");
    assertThat(refused(property(PropertyType.BOOL), "yes").code()).isEqualTo("INVALID_BOOLEAN");
    assertThat(refused(property(PropertyType.STRING), "é".repeat(65_537)).code())
        .isEqualTo("STRING_TOO_LONG");
  }
}
