package io.serversidesync.sandbox.store;

import java.util.Locale;
import java.util.Optional;

/**
 * Salesforce record ids: 3-character key prefix, 12 characters that identify the record, and a
 * 3-character suffix that encodes the case of the first 15 (so the 18-character form survives
 * case-insensitive systems).
 */
public final class SalesforceId {
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private SalesforceId() {}

  /**
   * The 18-character id of the {@code sequence}-th record with this key prefix. The 9 sequence
   * characters are base 62 in ASCII order, so ids of one prefix sort as they were created.
   */
  public static String of(String keyPrefix, long sequence) {
    StringBuilder digits = new StringBuilder();
    long n = sequence;
    for (int i = 0; i < 9; i++) {
      digits.append(BASE62.charAt((int) (n % 62)));
      n /= 62;
    }
    String id15 = keyPrefix + "5g0" + digits.reverse();
    return id15 + suffix(id15);
  }

  static String suffix(String id15) {
    StringBuilder out = new StringBuilder(3);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      out.append(SUFFIX_CHARS.charAt(bits));
    }
    return out.toString();
  }

  /**
   * The canonical 18-character form of a 15- or 18-character id, or empty when the text is not a
   * well-formed id (Salesforce's MALFORMED_ID). An 18-character id is case-insensitive.
   */
  public static Optional<String> canonical(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return Optional.empty();
      }
    }
    if (text.length() == 15) {
      return Optional.of(text + suffix(text));
    }
    if (text.length() != 18) {
      return Optional.empty();
    }
    String given = text.substring(15).toUpperCase(Locale.ROOT);
    StringBuilder id15 = new StringBuilder(15);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = SUFFIX_CHARS.indexOf(given.charAt(chunk));
      if (bits < 0) {
        return Optional.empty();
      }
      for (int i = 0; i < 5; i++) {
        char c = text.charAt(chunk * 5 + i);
        boolean upper = (bits & (1 << i)) != 0;
        id15.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      }
    }
    String fixed = id15.toString();
    if (!suffix(fixed).equals(given)) {
      return Optional.empty();
    }
    return Optional.of(fixed + given);
  }
}
