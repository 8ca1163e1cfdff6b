package io.serversidesync.operator.config;

import java.util.List;

/** The operator's environment is wrong; the message lists every variable to fix. */
public class InvalidSettingsException extends RuntimeException {

  private final List<String> problems;

  public InvalidSettingsException(List<String> problems) {
    super(
        "the operator's settings are invalid (fix the environment variables or the chart values):\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
