package io.serversidesync.runner.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.runner.destination.JsonText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PgTextDecoderTest {

  private static Object convert(int oid, String text) throws UnconvertibleValueException {
    byte[] bytes = ("xx" + text).getBytes(StandardCharsets.UTF_8);
    return PgTextDecoder.convert(oid, bytes, 2, bytes.length - 2);
  }

  @Test
  void convertsEachSupportedType() throws Exception {
    assertThat(convert(PgTypes.TEXT, "héllo")).isEqualTo("héllo");
    assertThat(convert(PgTypes.VARCHAR, "v")).isEqualTo("v");
    assertThat(convert(PgTypes.INT2, "-2")).isEqualTo(-2L);
    assertThat(convert(PgTypes.INT4, "42")).isEqualTo(42L);
    assertThat(convert(PgTypes.INT8, "9007199254740993")).isEqualTo(9007199254740993L);
    assertThat(convert(PgTypes.NUMERIC, "12345.678")).isEqualTo(new BigDecimal("12345.678"));
    assertThat(convert(PgTypes.BOOL, "t")).isEqualTo(true);
    assertThat(convert(PgTypes.BOOL, "f")).isEqualTo(false);
    assertThat(convert(PgTypes.FLOAT4, "1.5")).isEqualTo(1.5d);
    assertThat(convert(PgTypes.FLOAT8, "-2.25e-10")).isEqualTo(-2.25e-10d);
    assertThat(convert(PgTypes.DATE, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(convert(PgTypes.TIMESTAMP, "2024-02-29 13:14:15.123456"))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000));
    assertThat(convert(PgTypes.TIMESTAMP, "2024-02-29 13:14:15"))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15));
    assertThat(convert(PgTypes.TIMESTAMPTZ, "2024-02-29 11:14:15.5+00"))
        .isEqualTo(OffsetDateTime.of(2024, 2, 29, 11, 14, 15, 500_000_000, ZoneOffset.UTC));
    assertThat(convert(PgTypes.TIMESTAMPTZ, "2024-02-29 11:14:15-05:30"))
        .isEqualTo(
            OffsetDateTime.of(2024, 2, 29, 11, 14, 15, 0, ZoneOffset.ofHoursMinutes(-5, -30)));
    assertThat(convert(PgTypes.UUID, "6f1c2a3e-1111-4222-8333-444455556666"))
        .isEqualTo("6f1c2a3e-1111-4222-8333-444455556666");
    assertThat(convert(PgTypes.JSON, "{\"a\": 1}")).isEqualTo(new JsonText("{\"a\": 1}"));
    assertThat(convert(PgTypes.JSONB, "{\"b\": null}")).isEqualTo(new JsonText("{\"b\": null}"));
    assertThat(convert(99999, "sad")).isEqualTo("sad");
  }

  @Test
  void rejectsValuesWithoutAFaithfulForm() {
    assertThatThrownBy(() -> convert(PgTypes.NUMERIC, "NaN"))
        .isInstanceOf(UnconvertibleValueException.class)
        .hasMessageContaining("numeric NaN has no equivalent");
    assertThatThrownBy(() -> convert(PgTypes.FLOAT8, "Infinity"))
        .hasMessageContaining("no equivalent");
    assertThatThrownBy(() -> convert(PgTypes.DATE, "infinity"))
        .hasMessageContaining("infinity has no equivalent");
    assertThatThrownBy(() -> convert(PgTypes.TIMESTAMP, "0044-03-15 00:00:00 BC"))
        .hasMessageContaining("before year 1");
    assertThatThrownBy(() -> convert(PgTypes.DATE, "275760-09-13"))
        .hasMessageContaining("years 1 to 9999");
    assertThatThrownBy(() -> convert(PgTypes.TIMESTAMPTZ, "2024-02-30 00:00:00+00"))
        .hasMessageContaining("not a timestamptz");
    assertThatThrownBy(() -> convert(PgTypes.INT4, "x")).hasMessageContaining("not an integer");
  }
}
