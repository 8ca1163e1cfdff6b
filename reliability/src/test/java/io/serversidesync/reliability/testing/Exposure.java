package io.serversidesync.reliability.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a sync exposed to someone who is not meant to see its credentials (logs, /status,
 * /metrics, command output, the errors table …), by source, to be searched for secret values.
 */
public final class Exposure {

  private final Map<String, StringBuilder> texts = new LinkedHashMap<>();

  /** Adds text seen at {@code source}. */
  public synchronized void add(String source, String text) {
    texts.computeIfAbsent(source, s -> new StringBuilder()).append(text).append('\n');
  }

  /** The text seen at a source so far. */
  public synchronized String text(String source) {
    StringBuilder b = texts.get(source);
    return b == null ? "" : b.toString();
  }

  /** The names of the texts read so far. */
  public synchronized List<String> sources() {
    return List.copyOf(texts.keySet());
  }

  /** Characters seen in total. */
  public synchronized long size() {
    return texts.values().stream().mapToLong(StringBuilder::length).sum();
  }

  /**
   * Fails when any secret value (name → value) appears in any source, naming both. A multi-line
   * value (a PEM key) is searched line by line.
   */
  public synchronized void assertContainsNone(Map<String, String> secrets) {
    List<String> found = new ArrayList<>();
    for (var secret : secrets.entrySet()) {
      for (String piece : pieces(secret.getValue())) {
        for (var source : texts.entrySet()) {
          if (source.getValue().indexOf(piece) >= 0) {
            found.add(secret.getKey() + " in " + source.getKey());
          }
        }
      }
    }
    assertThat(found).as("secret values exposed").isEmpty();
  }

  private static List<String> pieces(String value) {
    List<String> pieces = new ArrayList<>();
    for (String line : value.split("\n")) {
      String s = line.strip();
      if (s.length() >= 12 && !s.startsWith("-----")) {
        pieces.add(s);
      }
    }
    return pieces;
  }
}
