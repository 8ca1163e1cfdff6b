package io.serversidesync.sandbox.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.serversidesync.sandbox.hubspot.schema.DefaultHubSpotSchema;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import io.serversidesync.sandbox.hubspot.values.InvalidValueException;
import io.serversidesync.sandbox.hubspot.values.PropertyValidator;
import io.serversidesync.sandbox.hubspot.values.ValidatedProperties;
import io.serversidesync.sandbox.hubspot.values.ValueNormalizer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotValuesTest {
  static final JsonNodeFactory N = JsonNodeFactory.instance;
  static final HubSpotObject CONTACTS =
      DefaultHubSpotSchema.create().object("contacts").orElseThrow();

  private static PropertyDef p(String name) {
    return CONTACTS.property(name).orElseThrow();
  }

  @Test
  void valuesAreStoredAsHubSpotReturnsThem() throws InvalidValueException {
    assertThat(ValueNormalizer.normalize(p("score"), N.numberNode(42))).isEqualTo("42");
    assertThat(ValueNormalizer.normalize(p("score"), N.numberNode(new BigDecimal("2.50"))))
        .isEqualTo("2.5");
    assertThat(ValueNormalizer.normalize(p("score"), N.textNode("0.00"))).isEqualTo("0");
    assertThat(ValueNormalizer.normalize(p("vip"), N.booleanNode(true))).isEqualTo("true");
    assertThat(ValueNormalizer.normalize(p("vip"), N.textNode("FALSE"))).isEqualTo("false");
    assertThat(ValueNormalizer.normalize(p("birthdate"), N.numberNode(0L))).isEqualTo("1970-01-01");
    assertThat(ValueNormalizer.normalize(p("birthdate"), N.textNode("2026-02-28")))
        .isEqualTo("2026-02-28");
    assertThat(ValueNormalizer.normalize(p("last_seen_at"), N.textNode("1764847353456")))
        .isEqualTo("2025-12-04T11:22:33.456Z");
    assertThat(
            ValueNormalizer.normalize(p("last_seen_at"), N.textNode("2026-12-04T12:00:00+01:00")))
        .isEqualTo("2026-12-04T11:00:00.000Z");
    assertThat(ValueNormalizer.normalize(p("lifecyclestage"), N.textNode("lead;customer")))
        .isEqualTo("lead;customer");
    assertThat(ValueNormalizer.normalize(p("email"), N.textNode(""))).isNull();
    assertThat(ValueNormalizer.normalize(p("email"), N.nullNode())).isNull();
  }

  @Test
  void refusedValuesNameTheirErrorCode() {
    assertError("score", "1,5", "INVALID_INTEGER");
    assertError("vip", "yes", "INVALID_BOOLEAN");
    assertError("birthdate", "1764847353456", "INVALID_DATE");
    assertError("birthdate", "2026-02-30", "INVALID_DATE");
    assertError("last_seen_at", "yesterday", "INVALID_DATETIME");
    assertError("lifecyclestage", "lead;gold", "INVALID_OPTION");
    assertError("email", "e".repeat(65_537), "INVALID_STRING_LENGTH");
  }

  @Test
  void unknownAndReadOnlyPropertiesAreRefusedEachOnce() {
    Map<String, String> sent = new LinkedHashMap<>();
    sent.put("lastname", "Ng");
    sent.put("hs_object_id", "5");
    sent.put("shoe_size", "44");
    sent.put("score", "x");
    ValidatedProperties v = PropertyValidator.validateText(CONTACTS, sent);
    assertThat(v.valid()).isFalse();
    assertThat(v.values()).containsOnlyKeys("lastname");
    assertThat(v.problems())
        .extracting(x -> x.name() + ":" + x.error())
        .containsExactly(
            "hs_object_id:READ_ONLY_VALUE",
            "shoe_size:PROPERTY_DOESNT_EXIST",
            "score:INVALID_INTEGER");
  }

  private static void assertError(String property, String value, String code) {
    assertThatThrownBy(() -> ValueNormalizer.normalize(p(property), value))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.invalid().error()).isEqualTo(code);
              assertThat(e.invalid().name()).isEqualTo(property);
            });
  }
}
