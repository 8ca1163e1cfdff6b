package io.serversidesync.runner.reverse.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.JsonText;
import io.serversidesync.runner.destination.StoredForm;
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

  /** A destination that stores empty text as null (Salesforce). */
  private static final StoredForm FORM = StoredForm.EMPTY_TEXT_AS_NULL;

  @Test
  void aValueSentAndTheSameValueReadBackHashAlike() {
    // what the runner sends (typed from Postgres) and what Salesforce returns (typed by field type)
    assertThat(FieldHashes.hash(new BigDecimal("10.50"), FORM))
        .isEqualTo(FieldHashes.hash(10.5d, FORM));
    assertThat(FieldHashes.hash(7L, FORM)).isEqualTo(FieldHashes.hash(new BigDecimal("7.0"), FORM));
    assertThat(FieldHashes.hash(new BigDecimal("1.5E+7"), FORM))
        .isEqualTo(FieldHashes.hash(new BigDecimal("15000000"), FORM));
    assertThat(FieldHashes.hash(BigDecimal.ZERO, FORM))
        .isEqualTo(FieldHashes.hash(new BigDecimal("0.00"), FORM));
    assertThat(FieldHashes.hash(LocalDateTime.parse("2024-05-01T12:30:00.123456"), FORM))
        .isEqualTo(
            FieldHashes.hash(
                OffsetDateTime.of(2024, 5, 1, 12, 30, 0, 123_000_000, ZoneOffset.UTC), FORM));
    assertThat(FieldHashes.hash(OffsetDateTime.parse("2024-05-01T14:30:00+02:00"), FORM))
        .isEqualTo(FieldHashes.hash(Instant.parse("2024-05-01T12:30:00Z"), FORM));
    assertThat(FieldHashes.hash("", FORM)).isEqualTo(FieldHashes.hash(null, FORM));
    assertThat(FieldHashes.hash(new JsonText("{\"a\":1}"), FORM))
        .isEqualTo(FieldHashes.hash("{\"a\":1}", FORM));
    assertThat(FieldHashes.hash(LocalDate.parse("2024-05-01"), FORM))
        .isEqualTo(FieldHashes.hash("2024-05-01", FORM));
  }

  @Test
  void emptyTextIsNullOnlyWhereTheDestinationStoresItSo() {
    assertThat(FieldHashes.hash("", StoredForm.AS_SENT))
        .isNotEqualTo(FieldHashes.hash(null, StoredForm.AS_SENT));
    assertThat(FieldHashes.hash(new JsonText(""), FORM)).isEqualTo(FieldHashes.NULL_HASH);
    assertThat(FieldHashes.canonical("", StoredForm.AS_SENT)).isEmpty();
    assertThat(FieldHashes.canonical("", FORM)).isNull();
  }

  @Test
  void differentValuesHashApart() {
    assertThat(FieldHashes.hash("a", FORM)).isNotEqualTo(FieldHashes.hash("A", FORM));
    assertThat(FieldHashes.hash("x", FORM)).isNotEqualTo(FieldHashes.hash(null, FORM));
    assertThat(FieldHashes.hash(Boolean.TRUE, FORM))
        .isNotEqualTo(FieldHashes.hash(Boolean.FALSE, FORM));
    assertThat(FieldHashes.hash(new BigDecimal("10.5"), FORM))
        .isNotEqualTo(FieldHashes.hash(10.51d, FORM));
  }

  @Test
  void unknownFieldsNeverMatchAndTakeTheirEarlierHashWhenMerged() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("A", "a");
    all.put("B", "b");
    Map<String, Object> partial = new LinkedHashMap<>();
    partial.put("A", "a2");
    FieldHashes full = FieldHashes.ofFields(List.of("A", "B"), all, FORM);
    FieldHashes part = FieldHashes.ofFields(List.of("A", "B"), partial, FORM);
    assertThat(part.complete()).isFalse();
    assertThat(part.sameAs(part)).isFalse();
    FieldHashes merged = part.over(full);
    assertThat(merged.complete()).isTrue();
    assertThat(merged.hashes()[0]).isEqualTo(FieldHashes.hash("a2", FORM));
    assertThat(merged.hashes()[1]).isEqualTo(FieldHashes.hash("b", FORM));
  }

  @Test
  void theTextFormRoundTripsThroughAPostgresArray() {
    FieldHashes h =
        FieldHashes.ofValues(Arrays.asList("x", null, 5L), new boolean[] {true, true, false}, FORM);
    assertThat(h.toSql()).startsWith("{").endsWith(",0,NULL}");
    assertThat(FieldHashes.parse(h.toSql())).isEqualTo(h);
    assertThat(FieldHashes.parse(null)).isNull();
  }
}
