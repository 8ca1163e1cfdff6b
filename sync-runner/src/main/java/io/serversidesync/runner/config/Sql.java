package io.serversidesync.runner.config;

/** Quoting for identifiers and literals that the runner puts into SQL text (DDL cannot bind). */
public final class Sql {

  private Sql() {}

  /** A quoted identifier: "name" with embedded quotes doubled. */
  public static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** A quoted string literal: 'text' with embedded quotes doubled. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
