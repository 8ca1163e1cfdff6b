package io.serversidesync.sandbox.bulk;

import java.util.Optional;

/** The column delimiters Bulk API 2.0 accepts. */
public enum ColumnDelimiter {
  COMMA(','),
  TAB('\t'),
  PIPE('|'),
  SEMICOLON(';'),
  CARET('^'),
  BACKQUOTE('`');

  private final char character;

  ColumnDelimiter(char character) {
    this.character = character;
  }

  public char character() {
    return character;
  }

  public static Optional<ColumnDelimiter> parse(String name) {
    for (ColumnDelimiter d : values()) {
      if (d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
