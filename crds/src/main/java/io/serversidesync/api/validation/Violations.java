package io.serversidesync.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects violations while a validator walks a manifest. */
final class Violations {

  private final List<Violation> found = new ArrayList<>();

  void add(String path, String message) {
    found.add(new Violation(path, message));
  }

  /** Returns whether the value is present, recording a violation when it is not. */
  boolean required(String path, Object value) {
    return required(path, value, null);
  }

  /**
   * Like {@link #required(String, Object)}, with a hint of what to write.
   *
   * @param hint e.g. "write table or schema.table, e.g. public.contacts", or null
   */
  boolean required(String path, Object value, String hint) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      add(path, hint == null ? "required" : "required: " + hint);
      return false;
    }
    return true;
  }

  void matches(String path, String value, String regex, String allowed) {
    if (value != null && !Pattern.matches(regex, value)) {
      add(path, "\"" + value + "\" is invalid: " + allowed);
    }
  }

  void inRange(String path, long value, long min, long max) {
    if (value < min || value > max) {
      add(path, value + " is out of range: must be between " + min + " and " + max);
    }
  }

  List<Violation> list() {
    return List.copyOf(found);
  }
}
