package io.serversidesync.runner.pg;

/** Quoting for identifiers and literals that the runner puts into SQL text (DDL cannot bind). */
public final class Sql {

  private Sql() {}

  /** A quoted identifier: "name" with embedded quotes doubled. */
  public static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** A schema-qualified name, both parts quoted: "schema"."name". */
  public static String qualified(String schema, String name) {
    return ident(schema) + "." + ident(name);
  }

  /** A quoted string literal: 'text' with embedded quotes doubled. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
