package io.serversidesync.runner.preflight;

import java.util.List;
import java.util.stream.Collectors;

/** The source database is not ready for the sync; each problem names its fix. */
public class PreflightException extends Exception {

  private final transient List<String> problems;

  public PreflightException(List<String> problems) {
    super(
        "the source database is not ready for this sync:\n"
            + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
