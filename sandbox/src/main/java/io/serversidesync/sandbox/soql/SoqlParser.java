package io.serversidesync.sandbox.soql;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.FieldType;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.schema.Schema;
import io.serversidesync.sandbox.store.SalesforceId;
import io.serversidesync.sandbox.values.SalesforceFormats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Parses the SOQL subset a sync needs: {@code SELECT f1, Rel.f2 | COUNT() FROM Obj [WHERE cond]
 * [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]} where conditions combine
 * {@code field op literal}, {@code IN (…)}, {@code NOT IN (…)}, {@code LIKE} with AND, OR, NOT and
 * parentheses. Anything else is MALFORMED_QUERY.
 */
public final class SoqlParser {
  private final String soql;
  private final Schema schema;
  private final List<Token> tokens;
  private int pos;
  private ObjectDef object;

  private SoqlParser(String soql, Schema schema, List<Token> tokens) {
    this.soql = soql;
    this.schema = schema;
    this.tokens = tokens;
  }

  public static SoqlQuery parse(String soql, Schema schema) throws SoqlException {
    return new SoqlParser(soql, schema, Lexer.tokens(soql)).query();
  }

  private SoqlQuery query() throws SoqlException {
    expectKeyword("SELECT");
    List<Token> selected = new ArrayList<>();
    boolean count = false;
    if (peek().isKeyword("COUNT") && tokens.get(pos + 1).kind() == Token.Kind.LPAREN) {
      next();
      next();
      expect(Token.Kind.RPAREN);
      count = true;
    } else {
      selected.add(expect(Token.Kind.IDENT));
      while (peek().kind() == Token.Kind.COMMA) {
        next();
        selected.add(expect(Token.Kind.IDENT));
      }
    }
    expectKeyword("FROM");
    Token from = expect(Token.Kind.IDENT);
    object =
        schema
            .object(from.text())
            .orElseThrow(() -> Errors.invalidType(soql, from.column(), from.text()));
    List<SelectItem> fields = new ArrayList<>();
    for (Token t : selected) {
      SelectItem item = selectItem(t);
      if (!fields.contains(item)) {
        fields.add(item);
      }
    }
    Predicate<Map<String, Object>> where = r -> true;
    if (peek().isKeyword("WHERE")) {
      next();
      where = orCondition();
    }
    Comparator<Map<String, Object>> order = null;
    if (peek().isKeyword("ORDER")) {
      next();
      expectKeyword("BY");
      order = orderItem();
      while (peek().kind() == Token.Kind.COMMA) {
        next();
        order = order.thenComparing(orderItem());
      }
    }
    OptionalInt limit = OptionalInt.empty();
    if (peek().isKeyword("LIMIT")) {
      next();
      limit = OptionalInt.of(nonNegativeInt());
    }
    int offset = 0;
    if (peek().isKeyword("OFFSET")) {
      next();
      offset = nonNegativeInt();
    }
    if (peek().kind() != Token.Kind.END) {
      throw unexpected(peek());
    }
    return new SoqlQuery(object, fields, count, where, order, limit, offset);
  }

  private int nonNegativeInt() throws SoqlException {
    Token t = expect(Token.Kind.NUMBER);
    try {
      int v = Integer.parseInt(t.text());
      if (v < 0) {
        throw unexpected(t);
      }
      return v;
    } catch (NumberFormatException e) {
      throw unexpected(t);
    }
  }

  private Comparator<Map<String, Object>> orderItem() throws SoqlException {
    FieldDef f = field(expect(Token.Kind.IDENT));
    boolean desc = false;
    if (peek().isKeyword("ASC")) {
      next();
    } else if (peek().isKeyword("DESC")) {
      next();
      desc = true;
    }
    boolean nullsFirst = !desc;
    if (peek().isKeyword("NULLS")) {
      next();
      if (peek().isKeyword("FIRST")) {
        nullsFirst = true;
      } else if (peek().isKeyword("LAST")) {
        nullsFirst = false;
      } else {
        throw unexpected(peek());
      }
      next();
    }
    Comparator<Object> values = (a, b) -> Values.compare(f, a, b);
    if (desc) {
      values = values.reversed();
    }
    Comparator<Object> withNulls =
        nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
    String name = f.name();
    return (a, b) -> withNulls.compare(a.get(name), b.get(name));
  }

  private Predicate<Map<String, Object>> orCondition() throws SoqlException {
    Predicate<Map<String, Object>> left = andCondition();
    while (peek().isKeyword("OR")) {
      next();
      left = left.or(andCondition());
    }
    return left;
  }

  private Predicate<Map<String, Object>> andCondition() throws SoqlException {
    Predicate<Map<String, Object>> left = unary();
    while (peek().isKeyword("AND")) {
      next();
      left = left.and(unary());
    }
    return left;
  }

  private Predicate<Map<String, Object>> unary() throws SoqlException {
    if (peek().isKeyword("NOT")) {
      next();
      return unary().negate();
    }
    if (peek().kind() == Token.Kind.LPAREN) {
      next();
      Predicate<Map<String, Object>> inner = orCondition();
      expect(Token.Kind.RPAREN);
      return inner;
    }
    return comparison();
  }

  private Predicate<Map<String, Object>> comparison() throws SoqlException {
    FieldDef f = field(expect(Token.Kind.IDENT));
    String name = f.name();
    Token op = next();
    if (op.isKeyword("IN") || (op.isKeyword("NOT") && peek().isKeyword("IN"))) {
      boolean negate = op.isKeyword("NOT");
      if (negate) {
        next();
      }
      expect(Token.Kind.LPAREN);
      List<Object> values = new ArrayList<>();
      values.add(literal(f));
      while (peek().kind() == Token.Kind.COMMA) {
        next();
        values.add(literal(f));
      }
      expect(Token.Kind.RPAREN);
      Predicate<Map<String, Object>> in =
          r -> {
            Object v = r.get(name);
            for (Object candidate : values) {
              if (v == null
                  ? candidate == null
                  : candidate != null && Values.compare(f, v, candidate) == 0) {
                return true;
              }
            }
            return false;
          };
      return negate ? in.negate() : in;
    }
    if (op.isKeyword("LIKE")) {
      if (!f.type().isText() && !f.type().isId()) {
        throw Errors.malformed(soql, op.column(), "invalid operator on " + name + ": LIKE");
      }
      Token pattern = expect(Token.Kind.STRING);
      Pattern regex = likePattern(pattern.text());
      return r -> r.get(name) instanceof String s && regex.matcher(s).matches();
    }
    if (op.kind() != Token.Kind.OPERATOR) {
      throw unexpected(op);
    }
    Object literal = literal(f);
    String o = op.text();
    if (literal == null) {
      return switch (o) {
        case "=" -> r -> r.get(name) == null;
        case "!=", "<>" -> r -> r.get(name) != null;
        default -> throw Errors.malformed(soql, op.column(), "invalid operator on null: " + o);
      };
    }
    return r -> {
      Object v = r.get(name);
      if (v == null) {
        return o.equals("!=") || o.equals("<>");
      }
      int c = Values.compare(f, v, literal);
      return switch (o) {
        case "=" -> c == 0;
        case "!=", "<>" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    };
  }

  private Object literal(FieldDef f) throws SoqlException {
    Token t = next();
    if (t.isKeyword("null")) {
      return null;
    }
    if (t.kind() == Token.Kind.IDENT && !t.isKeyword("true") && !t.isKeyword("false")) {
      throw Errors.malformed(
          soql,
          t.column(),
          "date literals and bind variables are not supported by the sandbox: " + t.text());
    }
    FieldType type = f.type();
    switch (type) {
      case DATETIME:
        if (t.kind() != Token.Kind.DATETIME) {
          throw Errors.badValue(soql, t.column(), f.name(), "dateTime");
        }
        return SalesforceFormats.parseDatetime(t.text());
      case DATE:
        if (t.kind() != Token.Kind.DATE) {
          throw Errors.badValue(soql, t.column(), f.name(), "date");
        }
        return SalesforceFormats.parseDate(t.text());
      case BOOLEAN:
        if (t.isKeyword("true") || t.isKeyword("false")) {
          return Boolean.valueOf(t.text().toLowerCase(Locale.ROOT));
        }
        throw Errors.badValue(soql, t.column(), f.name(), "boolean");
      case INT:
      case DOUBLE:
      case CURRENCY:
      case PERCENT:
        if (t.kind() != Token.Kind.NUMBER) {
          throw Errors.badValue(soql, t.column(), f.name(), "number");
        }
        return new BigDecimal(t.text());
      case ID:
      case REFERENCE:
        if (t.kind() != Token.Kind.STRING) {
          throw unexpected(t);
        }
        // An id literal that is not a well-formed id matches nothing; Salesforce says so too.
        return SalesforceId.canonical(t.text()).orElse(t.text());
      default:
        if (t.kind() != Token.Kind.STRING) {
          throw unexpected(t);
        }
        return t.text();
    }
  }

  private static Pattern likePattern(String like) {
    StringBuilder re = new StringBuilder();
    for (char c : like.toCharArray()) {
      if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  /** A field of the queried object, or one level up through a lookup: Account.Account_Ref__c. */
  private SelectItem selectItem(Token t) throws SoqlException {
    String[] path = t.text().split("\\.", -1);
    if (path.length == 1 || t.text().contains(":")) {
      return new SelectItem.Column(field(t));
    }
    if (path.length > 2) {
      throw Errors.malformed(
          soql,
          t.column(),
          "relationship paths of more than one level are not supported by the sandbox: "
              + t.text());
    }
    FieldDef lookup =
        object
            .relationship(path[0])
            .orElseThrow(() -> Errors.unknownRelationship(soql, t.column(), path[0]));
    if (lookup.polymorphic()) {
      // Salesforce reads a polymorphic parent through the Name entity (Who.Name, Who.Type); the
      // sandbox models none of its fields.
      throw Errors.invalidField(soql, t.column(), path[1], "Name");
    }
    ObjectDef parent =
        schema
            .object(lookup.referenceTo().get(0))
            .orElseThrow(
                () -> Errors.invalidField(soql, t.column(), path[1], lookup.referenceTo().get(0)));
    FieldDef field =
        parent
            .field(path[1])
            .orElseThrow(() -> Errors.invalidField(soql, t.column(), path[1], parent.name()));
    return new SelectItem.ParentColumn(lookup, parent, field);
  }

  private FieldDef field(Token t) throws SoqlException {
    if (t.text().contains(".") || t.text().contains(":")) {
      throw Errors.malformed(
          soql,
          t.column(),
          "relationship fields outside SELECT, and date literals, are not supported by the"
              + " sandbox: "
              + t.text());
    }
    return object
        .field(t.text())
        .orElseThrow(() -> Errors.invalidField(soql, t.column(), t.text(), object.name()));
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Token.Kind.END) {
      pos++;
    }
    return t;
  }

  private Token expect(Token.Kind kind) throws SoqlException {
    Token t = next();
    if (t.kind() != kind) {
      throw unexpected(t);
    }
    return t;
  }

  private void expectKeyword(String keyword) throws SoqlException {
    Token t = next();
    if (!t.isKeyword(keyword)) {
      throw unexpected(t);
    }
  }

  private SoqlException unexpected(Token t) {
    return Errors.malformed(soql, t.column(), "unexpected token: '" + t.text() + "'");
  }
}
