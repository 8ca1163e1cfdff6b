package io.serversidesync.runner.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {

  private static final List<String> PROPERTIES =
      List.of("firstname", "lastname", "email", "customer_ref", "phone");

  @Test
  void aNameAtMostTwoEditsAwayIsOfferedAsTheDestinationSpellsIt() {
    assertThat(Spelling.closest("custmer_ref", PROPERTIES)).isEqualTo("customer_ref");
    assertThat(Spelling.closest("first_name", PROPERTIES)).isEqualTo("firstname");
    assertThat(Spelling.closest("EMAIL", PROPERTIES)).isEqualTo("email");
  }

  @Test
  void nothingIsOfferedWhenNoNameIsClose() {
    assertThat(Spelling.closest("annual_revenue", PROPERTIES)).isNull();
    assertThat(Spelling.closest("x", List.of())).isNull();
  }
}
