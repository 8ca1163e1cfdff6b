package io.serversidesync.runner.destination.salesforce.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitInfoTest {

  @Test
  void readsTheUsageInEveryFormSalesforceSends() {
    assertThat(LimitInfo.parse("api-usage=18/5000")).contains(new LimitInfo(18, 5000));
    assertThat(LimitInfo.parse("api-usage=18/5000; api-bursts=2/100"))
        .contains(new LimitInfo(18, 5000));
    assertThat(LimitInfo.parse("api-bursts=2/100; api-usage=7/15000"))
        .contains(new LimitInfo(7, 15000));
    assertThat(LimitInfo.parse("  api-usage = 3 / 10 ")).contains(new LimitInfo(3, 10));
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(LimitInfo.parse(null)).isEmpty();
    assertThat(LimitInfo.parse("")).isEmpty();
    assertThat(LimitInfo.parse("api-usage=abc/10")).isEmpty();
    assertThat(LimitInfo.parse("api-usage=1/0")).isEmpty();
    assertThat(LimitInfo.parse("per-app-api-usage=1/10")).isEmpty();
    assertThat(LimitInfo.parse("api-usage=99999999999999999999/10")).isEmpty();
  }
}
