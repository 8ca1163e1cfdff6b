package io.serversidesync.runner.destination.hubspot.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.serversidesync.runner.destination.hubspot.properties.PropertyType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** HubSpot's values (all text) as the types the runner sends. */
class PropertyDecoderTest {

  private static Object decode(String text, PropertyType type) {
    return PropertyDecoder.decode(JsonNodeFactory.instance.textNode(text), type);
  }

  @Test
  void numbersAreLongsWhenIntegralAndExactDecimalsOtherwise() {
    assertThat(decode("42", PropertyType.NUMBER)).isEqualTo(42L);
    assertThat(decode("42.0", PropertyType.NUMBER)).isEqualTo(42L);
    assertThat(decode("-7", PropertyType.NUMBER)).isEqualTo(-7L);
    assertThat(decode("1E+3", PropertyType.NUMBER)).isEqualTo(1000L);
    assertThat(decode("0.00", PropertyType.NUMBER)).isEqualTo(0L);
    assertThat(decode("3.25", PropertyType.NUMBER)).isEqualTo(new BigDecimal("3.25"));
    assertThat(decode("123456789012345678901234", PropertyType.NUMBER))
        .isEqualTo(new BigDecimal("123456789012345678901234"));
    assertThat(PropertyDecoder.decode(JsonNodeFactory.instance.numberNode(17), PropertyType.NUMBER))
        .isEqualTo(17L);
  }

  @Test
  void boolsDatesAndDatetimesHaveTheirTypes() {
    assertThat(decode("true", PropertyType.BOOL)).isEqualTo(Boolean.TRUE);
    assertThat(decode("FALSE", PropertyType.BOOL)).isEqualTo(Boolean.FALSE);
    assertThat(decode("2026-12-04", PropertyType.DATE)).isEqualTo(LocalDate.of(2026, 12, 4));
    assertThat(decode("1764806400000", PropertyType.DATE)).isEqualTo(LocalDate.of(2025, 12, 4));
    assertThat(decode("2026-12-04T11:22:33.456Z", PropertyType.DATETIME))
        .isEqualTo(OffsetDateTime.of(2026, 12, 4, 11, 22, 33, 456_000_000, ZoneOffset.UTC));
    assertThat(decode("2026-12-04T12:22:33.456+01:00", PropertyType.DATETIME))
        .isEqualTo(OffsetDateTime.of(2026, 12, 4, 11, 22, 33, 456_000_000, ZoneOffset.UTC));
    assertThat(decode("1764847353456", PropertyType.DATETIME))
        .isEqualTo(OffsetDateTime.of(2025, 12, 4, 11, 22, 33, 456_000_000, ZoneOffset.UTC));
  }

  @Test
  void textAndEnumerationsStayTextAndMultiSelectKeepsItsSeparators() {
    assertThat(decode("Ada", PropertyType.STRING)).isEqualTo("Ada");
    assertThat(decode("  padded ", PropertyType.STRING)).isEqualTo("  padded ");
    assertThat(decode("lead", PropertyType.ENUMERATION)).isEqualTo("lead");
    assertThat(decode("a;b", PropertyType.ENUMERATION)).isEqualTo("a;b");
    assertThat(decode("+1 555 0100", PropertyType.OTHER)).isEqualTo("+1 555 0100");
    assertThat(decode("007", PropertyType.STRING)).isEqualTo("007");
  }

  @Test
  void emptyAndNullAreNullForEveryType() {
    for (PropertyType type : PropertyType.values()) {
      assertThat(decode("", type)).as(type.name()).isNull();
      assertThat(PropertyDecoder.decode(NullNode.getInstance(), type)).isNull();
      assertThat(PropertyDecoder.decode(null, type)).isNull();
    }
  }

  @Test
  void aValueNotInItsTypesFormIsPassedOnAsText() {
    assertThat(decode("n/a", PropertyType.NUMBER)).isEqualTo("n/a");
    assertThat(decode("yes", PropertyType.BOOL)).isEqualTo("yes");
    assertThat(decode("04/12/2026", PropertyType.DATE)).isEqualTo("04/12/2026");
    assertThat(decode("soon", PropertyType.DATETIME)).isEqualTo("soon");
  }
}
