package io.serversidesync.sandbox.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.sandbox.store.SalesforceId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SalesforceIdTest {

  @Test
  void computesSalesforcesCaseSafeSuffix() {
    // Published examples of 15/18-character pairs.
    assertThat(SalesforceId.canonical("001A0000006Vm9r")).contains("001A0000006Vm9rIAC");
    assertThat(SalesforceId.canonical("003E000000BcKzB"))
        .hasValueSatisfying(id -> assertThat(id).hasSize(18).startsWith("003E000000BcKzB"));
  }

  @Test
  void eighteenCharacterIdsAreCaseInsensitive() {
    String id = SalesforceId.of("003", 123_456_789L);
    assertThat(id).hasSize(18).startsWith("0035g0");
    assertThat(SalesforceId.canonical(id.toLowerCase(Locale.ROOT))).contains(id);
    assertThat(SalesforceId.canonical(id.substring(0, 15))).contains(id);
  }

  @Test
  void rejectsMalformedIds() {
    assertThat(SalesforceId.canonical("bogus")).isEmpty();
    assertThat(SalesforceId.canonical("003-00000000000")).isEmpty();
    assertThat(SalesforceId.canonical(null)).isEmpty();
  }

  @Test
  void sequentialIdsSortInCreationOrder() {
    assertThat(SalesforceId.of("001", 61)).isLessThan(SalesforceId.of("001", 62));
    assertThat(SalesforceId.of("001", 3843)).isLessThan(SalesforceId.of("001", 3844));
  }
}
