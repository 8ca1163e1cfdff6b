package io.serversidesync.api.validation;

import java.util.Optional;

/**
 * Checks that {@code spec.source.filter} is one balanced expression, the shape Postgres accepts
 * inside {@code WHERE (…)} of a publication. The runner wraps the text in parentheses; a text that
 * closes them itself ({@code ref = 'C-1') OR (true}) would otherwise read as another expression
 * than the one the user meant. Postgres then checks the expression itself when the publication is
 * created (a boolean, over columns of the table, no volatile functions).
 *
 * <p>Quotes are followed ({@code '…'} with {@code ''} inside, {@code E'…'} with backslash escapes,
 * {@code "…"} identifiers); outside them a parenthesis never closes one it did not open, and {@code
 * ;}, comments and dollar quoting are refused.
 */
final class RowFilterText {

  private RowFilterText() {}

  /** The problem with {@code filter}, or empty when it is one balanced expression. */
  static Optional<String> problem(String filter) {
    int depth = 0;
    int i = 0;
    int n = filter.length();
    while (i < n) {
      char ch = filter.charAt(i);
      if (ch == '\'') {
        boolean escapes = i > 0 && (filter.charAt(i - 1) == 'E' || filter.charAt(i - 1) == 'e');
        int end = closingQuote(filter, i + 1, '\'', escapes);
        if (end < 0) {
          return Optional.of("a string literal is not closed (a ' is missing)");
        }
        i = end + 1;
        continue;
      }
      if (ch == '"') {
        int end = closingQuote(filter, i + 1, '"', false);
        if (end < 0) {
          return Optional.of("a quoted identifier is not closed (a \" is missing)");
        }
        i = end + 1;
        continue;
      }
      if (ch == ';') {
        return Optional.of("must be a single boolean expression (no ';')");
      }
      if (filter.startsWith("--", i) || filter.startsWith("/*", i)) {
        return Optional.of("must be an expression without comments (-- or /*)");
      }
      if (ch == '$' && dollarQuote(filter, i)) {
        return Optional.of("must not use dollar quoting ($$ or $tag$); use '…' literals");
      }
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
        if (depth < 0) {
          return Optional.of(
              "a ')' at position "
                  + (i + 1)
                  + " closes a parenthesis the filter did not open: write one expression, e.g."
                  + " (region = 'EU') OR (tier = 'gold')");
        }
      }
      i++;
    }
    return depth == 0
        ? Optional.empty()
        : Optional.of(depth + " parenthesis(es) opened and not closed");
  }

  /** The index of the quote that closes the one before {@code from}, or -1. */
  private static int closingQuote(String s, int from, char quote, boolean backslashEscapes) {
    for (int i = from; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (backslashEscapes && ch == '\\') {
        i++;
      } else if (ch == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i++; // a doubled quote stands for itself
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** Whether a dollar quote ($$ or $tag$) starts at {@code at}; a $ inside a name does not. */
  private static boolean dollarQuote(String s, int at) {
    if (at > 0 && (Character.isLetterOrDigit(s.charAt(at - 1)) || s.charAt(at - 1) == '_')) {
      return false;
    }
    int i = at + 1;
    while (i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    return i < s.length() && s.charAt(i) == '$';
  }
}
