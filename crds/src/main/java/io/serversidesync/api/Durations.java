package io.serversidesync.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the Kubernetes-style durations used in the spec: 500ms, 2s, 1m30s, 1h. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message that shows the accepted form
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration; write e.g. 2s, 500ms or 1m30s");
    }
    Matcher matcher = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        break;
      }
      long amount;
      try {
        amount = Long.parseLong(matcher.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
      }
      total =
          total.plus(
              switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
              });
      end = matcher.end();
    }
    if (end != text.length()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration; write e.g. 2s, 500ms or 1m30s");
    }
    return total;
  }

  /** Formats a duration the way the spec writes it (largest units first). */
  public static String format(Duration duration) {
    StringBuilder out = new StringBuilder();
    long millis = duration.toMillis();
    long hours = millis / 3_600_000;
    millis -= hours * 3_600_000;
    long minutes = millis / 60_000;
    millis -= minutes * 60_000;
    long seconds = millis / 1000;
    millis -= seconds * 1000;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0 || out.length() == 0) {
      out.append(millis).append("ms");
    }
    return out.toString();
  }
}
