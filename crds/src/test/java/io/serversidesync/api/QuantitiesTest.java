package io.serversidesync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Memory bounds take every quantity Kubernetes takes, binary and decimal. */
class QuantitiesTest {

  @Test
  void binaryDecimalFractionalAndExponentForms() {
    assertThat(Quantities.parseBytes("256Mi")).isEqualTo(256L << 20);
    assertThat(Quantities.parseBytes("1Gi")).isEqualTo(1L << 30);
    assertThat(Quantities.parseBytes("512M")).isEqualTo(512_000_000L);
    assertThat(Quantities.parseBytes("1G")).isEqualTo(1_000_000_000L);
    assertThat(Quantities.parseBytes("1.5Gi")).isEqualTo(3L << 29);
    assertThat(Quantities.parseBytes("1e9")).isEqualTo(1_000_000_000L);
    assertThat(Quantities.parseBytes("128974848")).isEqualTo(128_974_848L);
  }

  @Test
  void whatKubernetesRefusesIsRefusedWithTheAcceptedForms() {
    for (String bad : new String[] {"256 Mi", "256MB", "-1Gi", "Mi", ""}) {
      assertThatThrownBy(() -> Quantities.parseBytes(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("write e.g. 256Mi, 1Gi, 512M or 1G");
    }
  }
}
