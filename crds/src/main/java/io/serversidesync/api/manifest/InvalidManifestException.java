package io.serversidesync.api.manifest;

import io.serversidesync.api.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** A manifest that cannot be used, with every problem found and the field each is about. */
public class InvalidManifestException extends Exception {

  private final String source;
  private final transient List<Violation> violations;

  public InvalidManifestException(String source, List<Violation> violations) {
    super(render(source, violations));
    this.source = source;
    this.violations = List.copyOf(violations);
  }

  /** Where the manifest came from, e.g. a file name. */
  public String source() {
    return source;
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String render(String source, List<Violation> violations) {
    return source
        + " is not a valid ServerSideSync:\n"
        + violations.stream().map(v -> "  - " + v).collect(Collectors.joining("\n"));
  }
}
