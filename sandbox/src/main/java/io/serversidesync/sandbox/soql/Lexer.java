package io.serversidesync.sandbox.soql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a SOQL statement into tokens. */
final class Lexer {
  private static final Pattern DATETIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![\\dT])");
  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

  private Lexer() {}

  static List<Token> tokens(String soql) throws SoqlException {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = soql.length();
    while (i < n) {
      char c = soql.charAt(i);
      int col = i + 1;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        out.add(new Token(Token.Kind.LPAREN, "(", col));
        i++;
      } else if (c == ')') {
        out.add(new Token(Token.Kind.RPAREN, ")", col));
        i++;
      } else if (c == ',') {
        out.add(new Token(Token.Kind.COMMA, ",", col));
        i++;
      } else if (c == '\'') {
        StringBuilder s = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char d = soql.charAt(i);
          if (d == '\\' && i + 1 < n) {
            char e = soql.charAt(i + 1);
            if (e == 'u' && i + 5 < n) {
              try {
                s.append((char) Integer.parseInt(soql.substring(i + 2, i + 6), 16));
              } catch (NumberFormatException bad) {
                throw Errors.malformed(soql, i + 1, "Invalid string literal: bad unicode escape");
              }
              i += 6;
              continue;
            }
            s.append(
                switch (e) {
                  case 'n' -> '\n';
                  case 'r' -> '\r';
                  case 't' -> '\t';
                  case 'b' -> '\b';
                  case 'f' -> '\f';
                  default -> e;
                });
            i += 2;
          } else if (d == '\'') {
            closed = true;
            i++;
            break;
          } else {
            s.append(d);
            i++;
          }
        }
        if (!closed) {
          throw Errors.malformed(
              soql, col, "line 1:" + (col - 1) + " mismatched character '<EOF>' expecting '''");
        }
        out.add(new Token(Token.Kind.STRING, s.toString(), col));
      } else if (c == '=') {
        out.add(new Token(Token.Kind.OPERATOR, "=", col));
        i++;
      } else if (c == '!' || c == '<' || c == '>') {
        String op = String.valueOf(c);
        if (i + 1 < n && (soql.charAt(i + 1) == '=' || (c == '<' && soql.charAt(i + 1) == '>'))) {
          op += soql.charAt(i + 1);
        }
        if (op.equals("!")) {
          throw Errors.malformed(soql, col, "unexpected token: '!'");
        }
        out.add(new Token(Token.Kind.OPERATOR, op, col));
        i += op.length();
      } else if (Character.isDigit(c)
          || ((c == '-' || c == '+') && i + 1 < n && Character.isDigit(soql.charAt(i + 1)))) {
        Matcher dt = DATETIME.matcher(soql).region(i, n);
        Matcher d = DATE.matcher(soql).region(i, n);
        Matcher num = NUMBER.matcher(soql).region(i, n);
        if (dt.lookingAt()) {
          out.add(new Token(Token.Kind.DATETIME, dt.group(), col));
          i = dt.end();
        } else if (d.lookingAt()) {
          out.add(new Token(Token.Kind.DATE, d.group(), col));
          i = d.end();
        } else if (num.lookingAt()) {
          out.add(new Token(Token.Kind.NUMBER, num.group(), col));
          i = num.end();
        } else {
          throw Errors.malformed(soql, col, "unexpected token: '" + c + "'");
        }
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(soql.charAt(i))
                || soql.charAt(i) == '_'
                || soql.charAt(i) == '.'
                || soql.charAt(i) == ':')) {
          i++;
        }
        out.add(new Token(Token.Kind.IDENT, soql.substring(start, i), col));
      } else {
        throw Errors.malformed(soql, col, "unexpected token: '" + c + "'");
      }
    }
    out.add(new Token(Token.Kind.END, "<EOF>", n + 1));
    return out;
  }
}
