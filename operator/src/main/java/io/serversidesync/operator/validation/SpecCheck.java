package io.serversidesync.operator.validation;

import io.serversidesync.api.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The outcome of checking a spec: empty means the runner can be started. */
public record SpecCheck(List<Violation> violations) {

  public SpecCheck {
    violations = List.copyOf(violations);
  }

  public boolean valid() {
    return violations.isEmpty();
  }

  /** One line per problem, each naming the field. */
  public String message() {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
