package io.serversidesync.runner.destination;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for a misspelled field or property name, shared by every destination. */
public final class Spelling {

  /** Names at most this many edits away (ignoring case) are offered. */
  private static final int MAX_EDITS = 2;

  private Spelling() {}

  /**
   * The candidate closest to {@code wanted}, ignoring case, when it is at most two edits away.
   *
   * @return the candidate as spelled by the destination, or null when none is close
   */
  public static String closest(String wanted, Collection<String> candidates) {
    String lower = wanted.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    for (String candidate : candidates) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT), bestDistance);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return best;
  }

  /** Levenshtein distance, giving up (returning limit) once it reaches limit. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit) {
      return limit;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin >= limit) {
        return limit;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return Math.min(previous[b.length()], limit);
  }
}
