package io.serversidesync.sandbox.soql;

/** One lexical token of a SOQL statement with its 1-based column. */
record Token(Kind kind, String text, int column) {
  enum Kind {
    IDENT,
    STRING,
    NUMBER,
    DATETIME,
    DATE,
    OPERATOR,
    LPAREN,
    RPAREN,
    COMMA,
    END
  }

  boolean isKeyword(String keyword) {
    return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
  }
}
