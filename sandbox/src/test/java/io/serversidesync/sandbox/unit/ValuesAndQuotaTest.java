package io.serversidesync.sandbox.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.serversidesync.sandbox.quota.RollingAllocation;
import io.serversidesync.sandbox.schema.DefaultSchema;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.store.SandboxClock;
import io.serversidesync.sandbox.values.IncomingValues;
import io.serversidesync.sandbox.values.SalesforceFormats;
import io.serversidesync.sandbox.values.ValueMismatchException;
import io.serversidesync.sandbox.values.ValueRenderer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ValuesAndQuotaTest {
  static final JsonNodeFactory N = JsonNodeFactory.instance;

  private static FieldDef account(String name) {
    return DefaultSchema.account().field(name).orElseThrow();
  }

  @Test
  void datetimesParseWithAnyOffsetAndRenderLikeSalesforce() {
    Instant t = SalesforceFormats.parseDatetime("2026-03-01T10:00:00.5+01:00");
    assertThat(SalesforceFormats.datetime(t)).isEqualTo("2026-03-01T09:00:00.500+0000");
    assertThat(SalesforceFormats.parseDatetime("2026-03-01T09:00:00.500+0000")).isEqualTo(t);
    assertThat(SalesforceFormats.parseDatetime("2026-03-01T09:00:00Z"))
        .isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
    assertThat(SalesforceFormats.isDatetime("2026-02-30T00:00:00Z")).isFalse();
  }

  @Test
  void jsonValuesConvertByFieldTypeAndMismatchesSayWhat() throws ValueMismatchException {
    assertThat(IncomingValues.fromJson(account("NumberOfEmployees"), N.textNode("12")))
        .isEqualTo(new BigDecimal("12"));
    assertThatThrownBy(
            () -> IncomingValues.fromJson(account("NumberOfEmployees"), N.numberNode(1.5)))
        .isInstanceOf(ValueMismatchException.class)
        .satisfies(
            e -> assertThat(((ValueMismatchException) e).token()).isEqualTo("VALUE_NUMBER_FLOAT"));
    assertThat(IncomingValues.fromJson(account("Name"), N.numberNode(42))).isEqualTo("42");
    assertThat(
            IncomingValues.fromJson(
                DefaultSchema.contact().field("Birthdate").orElseThrow(), N.textNode("2001-02-03")))
        .isEqualTo(LocalDate.of(2001, 2, 3));
    assertThat(
            IncomingValues.fromJson(
                DefaultSchema.contact().field("HasOptedOutOfEmail").orElseThrow(), N.nullNode()))
        .isEqualTo(Boolean.FALSE);
    assertThat(
            ValueRenderer.toJson(account("AnnualRevenue"), new BigDecimal("15000000")).toString())
        .isEqualTo("1.5E7");
    assertThat(ValueRenderer.toJson(account("NumberOfEmployees"), new BigDecimal("12")).toString())
        .isEqualTo("12");
  }

  @Test
  void csvCellsConvertAndBadOnesAreReported() throws ValueMismatchException {
    FieldDef optOut = DefaultSchema.contact().field("HasOptedOutOfEmail").orElseThrow();
    assertThat(IncomingValues.fromText(optOut, "1")).isEqualTo(Boolean.TRUE);
    assertThatThrownBy(() -> IncomingValues.fromText(optOut, "perhaps"))
        .isInstanceOf(ValueMismatchException.class);
    assertThatThrownBy(() -> IncomingValues.fromText(account("AnnualRevenue"), "lots"))
        .isInstanceOf(ValueMismatchException.class);
  }

  @Test
  void rollingAllocationForgetsUsageOlderThan24Hours() {
    SandboxClock clock =
        new SandboxClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    RollingAllocation a = new RollingAllocation(clock, 3, 1);
    assertThat(a.tryConsume(1)).isTrue();
    clock.advance(Duration.ofHours(12));
    assertThat(a.tryConsume(1)).isTrue();
    assertThat(a.tryConsume(1)).as("other clients used one").isFalse();
    assertThat(a.used()).isEqualTo(3);
    clock.advance(Duration.ofHours(12));
    assertThat(a.used()).as("the first call left the window").isEqualTo(2);
    assertThat(a.remaining()).isEqualTo(1);
  }
}
