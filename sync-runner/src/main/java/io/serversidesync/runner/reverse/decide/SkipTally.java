package io.serversidesync.runner.reverse.decide;

import java.util.EnumMap;
import java.util.Map;

/**
 * Records of a page not applied, counted per reason, with the first example of each for the log.
 */
public final class SkipTally {

  private final EnumMap<Skip, Integer> counts = new EnumMap<>(Skip.class);
  private final Map<Skip, String> examples = new EnumMap<>(Skip.class);

  public void count(Skip reason, String example) {
    counts.merge(reason, 1, Integer::sum);
    examples.putIfAbsent(reason, example);
  }

  public EnumMap<Skip, Integer> counts() {
    return counts;
  }

  public Map<Skip, String> examples() {
    return examples;
  }
}
