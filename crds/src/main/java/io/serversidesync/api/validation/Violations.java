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
    if (value == null || (value instanceof String s && s.isEmpty())) {
      add(path, "required");
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
