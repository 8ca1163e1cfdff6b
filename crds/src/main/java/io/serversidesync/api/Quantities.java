package io.serversidesync.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the binary-suffixed Kubernetes quantities used for memory bounds: 512Ki, 256Mi, 1Gi. */
public final class Quantities {

  private static final Pattern QUANTITY = Pattern.compile("([0-9]+)(Ki|Mi|Gi)?");

  private Quantities() {}

  /**
   * Returns the number of bytes.
   *
   * @throws IllegalArgumentException with a message that shows the accepted form
   */
  public static long parseBytes(String text) {
    Matcher matcher = text == null ? null : QUANTITY.matcher(text);
    if (matcher == null || !matcher.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a memory quantity; write e.g. 256Mi or 1Gi");
    }
    long amount;
    try {
      amount = Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("quantity \"" + text + "\" is too large", e);
    }
    String unit = matcher.group(2);
    long factor =
        unit == null
            ? 1
            : switch (unit) {
              case "Ki" -> 1L << 10;
              case "Mi" -> 1L << 20;
              default -> 1L << 30;
            };
    return Math.multiplyExact(amount, factor);
  }
}
