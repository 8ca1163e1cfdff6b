package io.serversidesync.runner.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {

  @Test
  void roundTripsThePostgresForm() {
    assertThat(Lsn.format(Lsn.parse("0/16B3748"))).isEqualTo("0/16B3748");
    assertThat(Lsn.parse("1/0")).isEqualTo(1L << 32);
    assertThat(Lsn.format(0xABCDEF0012345678L)).isEqualTo("ABCDEF00/12345678");
    assertThatThrownBy(() -> Lsn.parse("16B3748")).hasMessageContaining("is not an LSN");
    assertThatThrownBy(() -> Lsn.parse("x/y")).hasMessageContaining("is not an LSN");
  }
}
