package io.serversidesync.runner.reverse.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.JsonText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldHashesTest {

  @Test
  void aValueSentAndTheSameValueReadBackHashAlike() {
    // what the runner sends (typed from Postgres) and what Salesforce returns (typed by field type)
    assertThat(FieldHashes.hash(new BigDecimal("10.50"))).isEqualTo(FieldHashes.hash(10.5d));
    assertThat(FieldHashes.hash(7L)).isEqualTo(FieldHashes.hash(new BigDecimal("7.0")));
    assertThat(FieldHashes.hash(new BigDecimal("1.5E+7")))
        .isEqualTo(FieldHashes.hash(new BigDecimal("15000000")));
    assertThat(FieldHashes.hash(BigDecimal.ZERO))
        .isEqualTo(FieldHashes.hash(new BigDecimal("0.00")));
    assertThat(FieldHashes.hash(LocalDateTime.parse("2024-05-01T12:30:00.123456")))
        .isEqualTo(
            FieldHashes.hash(
                OffsetDateTime.of(2024, 5, 1, 12, 30, 0, 123_000_000, ZoneOffset.UTC)));
    assertThat(FieldHashes.hash(OffsetDateTime.parse("2024-05-01T14:30:00+02:00")))
        .isEqualTo(FieldHashes.hash(Instant.parse("2024-05-01T12:30:00Z")));
    assertThat(FieldHashes.hash("")).isEqualTo(FieldHashes.hash(null));
    assertThat(FieldHashes.hash(new JsonText("{\"a\":1}")))
        .isEqualTo(FieldHashes.hash("{\"a\":1}"));
    assertThat(FieldHashes.hash(LocalDate.parse("2024-05-01")))
        .isEqualTo(FieldHashes.hash("2024-05-01"));
  }

  @Test
  void differentValuesHashApart() {
    assertThat(FieldHashes.hash("a")).isNotEqualTo(FieldHashes.hash("A"));
    assertThat(FieldHashes.hash("x")).isNotEqualTo(FieldHashes.hash(null));
    assertThat(FieldHashes.hash(Boolean.TRUE)).isNotEqualTo(FieldHashes.hash(Boolean.FALSE));
    assertThat(FieldHashes.hash(new BigDecimal("10.5"))).isNotEqualTo(FieldHashes.hash(10.51d));
  }

  @Test
  void unknownFieldsNeverMatchAndTakeTheirEarlierHashWhenMerged() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("A", "a");
    all.put("B", "b");
    Map<String, Object> partial = new LinkedHashMap<>();
    partial.put("A", "a2");
    FieldHashes full = FieldHashes.ofFields(List.of("A", "B"), all);
    FieldHashes part = FieldHashes.ofFields(List.of("A", "B"), partial);
    assertThat(part.complete()).isFalse();
    assertThat(part.sameAs(part)).isFalse();
    FieldHashes merged = part.over(full);
    assertThat(merged.complete()).isTrue();
    assertThat(merged.hashes()[0]).isEqualTo(FieldHashes.hash("a2"));
    assertThat(merged.hashes()[1]).isEqualTo(FieldHashes.hash("b"));
  }

  @Test
  void theTextFormRoundTripsThroughAPostgresArray() {
    FieldHashes h =
        FieldHashes.ofValues(Arrays.asList("x", null, 5L), new boolean[] {true, true, false});
    assertThat(h.toSql()).startsWith("{").endsWith(",0,NULL}");
    assertThat(FieldHashes.parse(h.toSql())).isEqualTo(h);
    assertThat(FieldHashes.parse(null)).isNull();
  }
}
