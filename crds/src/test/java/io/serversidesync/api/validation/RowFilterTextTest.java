package io.serversidesync.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** spec.source.filter is one balanced expression, whatever its quotes hold. */
class RowFilterTextTest {

  @Test
  void aFilterThatClosesTheRunnersParenthesisIsRefused() {
    // a review's reproduction: spliced into WHERE (…) it read every row
    assertThat(RowFilterText.problem("customer_ref = 'C-1') OR (true"))
        .hasValueSatisfying(p -> assertThat(p).contains("')' at position 21"));
    assertThat(RowFilterText.problem("a = 1)")).isPresent();
    assertThat(RowFilterText.problem("(a = 1")).hasValue("1 parenthesis(es) opened and not closed");
  }

  @Test
  void statementsCommentsAndOddQuotingAreRefused() {
    assertThat(RowFilterText.problem("true; DROP TABLE contacts")).isPresent();
    assertThat(RowFilterText.problem("true -- )")).isPresent();
    assertThat(RowFilterText.problem("true /* ) */")).isPresent();
    assertThat(RowFilterText.problem("name = $$x$$")).isPresent();
    assertThat(RowFilterText.problem("name = $q$x$q$")).isPresent();
    assertThat(RowFilterText.problem("name = 'open")).isPresent();
    assertThat(RowFilterText.problem("\"open = 1")).isPresent();
  }

  @Test
  void balancedExpressionsPassWhateverTheirLiteralsHold() {
    assertThat(RowFilterText.problem("region = 'EU'")).isEmpty();
    assertThat(RowFilterText.problem("(region = 'EU') OR (tier IN ('gold', 'silver'))")).isEmpty();
    assertThat(RowFilterText.problem("name = 'a) OR (true'")).isEmpty();
    assertThat(RowFilterText.problem("name = 'it''s; -- fine'")).isEmpty();
    assertThat(RowFilterText.problem("name = E'a\\')'")).isEmpty();
    assertThat(RowFilterText.problem("\"Weird)Name\" = 1")).isEmpty();
    assertThat(RowFilterText.problem("price$eur > 10 AND amount_$ < 5")).isEmpty();
  }
}
