package io.serversidesync.runner.convert;

import io.serversidesync.runner.destination.JsonText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Turns a column's Postgres text form (as pgoutput and a text-mode query send it) into the typed
 * value documented on {@link io.serversidesync.runner.destination.DestinationRecord}. Stateless and
 * allocation-light: one String per value, then the typed value.
 */
public final class PgTextDecoder {

  private PgTextDecoder() {}

  /**
   * Converts the UTF-8 text of one value.
   *
   * @param typeOid the column's type (unknown types are passed on as their text)
   * @throws UnconvertibleValueException when the value has no faithful typed form
   */
  public static Object convert(int typeOid, byte[] buffer, int offset, int length)
      throws UnconvertibleValueException {
    if (typeOid == PgTypes.BOOL && length == 1) {
      // no String for the commonest case
      if (buffer[offset] == 't') {
        return Boolean.TRUE;
      }
      if (buffer[offset] == 'f') {
        return Boolean.FALSE;
      }
    }
    return convert(typeOid, new String(buffer, offset, length, StandardCharsets.UTF_8));
  }

  /** Converts one value given as text; see {@link #convert(int, byte[], int, int)}. */
  public static Object convert(int typeOid, String text) throws UnconvertibleValueException {
    switch (typeOid) {
      case PgTypes.INT2, PgTypes.INT4, PgTypes.INT8, PgTypes.OID:
        try {
          return Long.valueOf(text);
        } catch (NumberFormatException e) {
          throw new UnconvertibleValueException("\"" + text + "\" is not an integer", e);
        }
      case PgTypes.NUMERIC:
        if (text.equals("NaN") || text.endsWith("Infinity")) {
          throw new UnconvertibleValueException(
              "numeric " + text + " has no equivalent in the destination; store a number or NULL");
        }
        try {
          return new BigDecimal(text);
        } catch (NumberFormatException e) {
          throw new UnconvertibleValueException("\"" + text + "\" is not a number", e);
        }
      case PgTypes.FLOAT4, PgTypes.FLOAT8:
        if (text.equals("NaN") || text.endsWith("Infinity")) {
          throw new UnconvertibleValueException(
              "floating-point "
                  + text
                  + " has no equivalent in the destination; store a number or NULL");
        }
        try {
          return Double.valueOf(text);
        } catch (NumberFormatException e) {
          throw new UnconvertibleValueException("\"" + text + "\" is not a number", e);
        }
      case PgTypes.BOOL:
        if (text.equals("t") || text.equals("true")) {
          return Boolean.TRUE;
        }
        if (text.equals("f") || text.equals("false")) {
          return Boolean.FALSE;
        }
        throw new UnconvertibleValueException("\"" + text + "\" is not a boolean");
      case PgTypes.DATE:
        return TemporalText.date(text);
      case PgTypes.TIMESTAMP:
        return TemporalText.timestamp(text);
      case PgTypes.TIMESTAMPTZ:
        return TemporalText.timestampTz(text);
      case PgTypes.JSON, PgTypes.JSONB:
        return new JsonText(text);
      default:
        // text, varchar, char, uuid, enums, domains and other types: their text form
        return text;
    }
  }
}
