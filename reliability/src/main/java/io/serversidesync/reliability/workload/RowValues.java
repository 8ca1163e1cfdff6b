package io.serversidesync.reliability.workload;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The values a change writes, derived from its sequence number so that any value seen in the
 * destination tells which change it came from. Texts carry what breaks naive CSV and JSON handling:
 * commas, quotes, newlines, backslashes, non-ASCII.
 *
 * @param seq the change's global sequence number
 * @param name a short text, null for some changes
 * @param amount a signed amount with two decimals
 * @param active a flag
 * @param due a date between 2000 and 2054
 * @param touched an instant with millisecond precision
 * @param note a longer text, null for some changes
 */
public record RowValues(
    long seq,
    String name,
    BigDecimal amount,
    boolean active,
    LocalDate due,
    Instant touched,
    String note) {

  private static final String[] FRAGMENTS = {
    "plain words",
    "comma, separated",
    "a \"quoted\" part",
    "line\nbreak",
    "back\\slash",
    "ümlaut café",
    "日本語",
    "emoji \uD83D\uDE00",
    "#N/A",
    "tab\there",
    "semi;colon",
    "it's"
  };

  /** The values of change {@code seq}. */
  public static RowValues of(long seq) {
    SplittableRandom random = new SplittableRandom(seq * 0x9E3779B97F4A7C15L);
    String name = seq % 13 == 0 ? null : "name-" + seq;
    long cents = (seq * 7919) % 10_000_000;
    BigDecimal amount = BigDecimal.valueOf(seq % 5 == 0 ? -cents : cents, 2);
    LocalDate due = LocalDate.of(2000, 1, 1).plusDays(seq % 20_000);
    Instant touched = Instant.ofEpochMilli(1_700_000_000_000L + seq * 1_003);
    String note = null;
    if (seq % 11 != 0) {
      StringBuilder b = new StringBuilder("n").append(seq);
      int parts = random.nextInt(1, 12);
      for (int i = 0; i < parts; i++) {
        b.append(' ').append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      note = b.append(" end").toString();
    }
    return new RowValues(seq, name, amount, seq % 3 == 0, due, touched, note);
  }
}
