package io.serversidesync.runner.pg;

/** Formats and parses Postgres LSNs (e.g. 0/16B3748) kept as unsigned longs on the hot path. */
public final class Lsn {

  private Lsn() {}

  /** The text form Postgres uses: high and low 32 bits in upper-case hex, separated by /. */
  public static String format(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase(java.util.Locale.ROOT)
        + "/"
        + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException when the text is not an LSN
   */
  public static long parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("\"" + text + "\" is not an LSN such as 0/16B3748");
    }
    try {
      long high = Long.parseLong(text.substring(0, slash), 16);
      long low = Long.parseLong(text.substring(slash + 1), 16);
      return (high << 32) | low;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not an LSN such as 0/16B3748", e);
    }
  }
}
