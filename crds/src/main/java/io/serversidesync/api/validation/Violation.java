package io.serversidesync.api.validation;

/**
 * One problem with a manifest: the field it is about, as a path like {@code spec.mapping[2].field},
 * and what is wrong and allowed.
 */
public record Violation(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
