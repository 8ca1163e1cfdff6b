package io.serversidesync.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceNamesTest {

  @Test
  void shortNamesGetASuffix() {
    assertThat(ResourceNames.deployment("orders")).isEqualTo("orders-runner");
    assertThat(ResourceNames.cleanupJob("orders", 2)).isEqualTo("orders-cleanup-2");
  }

  @Test
  void longNamesFitSixtyThreeCharactersAndStayDistinct() {
    String a = "a".repeat(58) + "x";
    String b = "a".repeat(58) + "y";
    assertThat(ResourceNames.cleanupJob(a, 10))
        .hasSizeLessThanOrEqualTo(63)
        .endsWith("-cleanup-10");
    assertThat(ResourceNames.cleanupJob(a, 1)).isNotEqualTo(ResourceNames.cleanupJob(b, 1));
  }

  @Test
  void serviceNamesStartWithALetter() {
    assertThat(ResourceNames.service("1st-sync")).startsWith("sss-").hasSizeLessThanOrEqualTo(63);
  }
}
