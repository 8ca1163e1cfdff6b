package io.serversidesync.runner.deliver;

import io.serversidesync.runner.errors.ErrorEntry;
import java.util.ArrayList;
import java.util.List;

/** What the requests of one cut ended with, collected from the request threads. */
final class CutOutcomes {

  private final List<String> written = new ArrayList<>();
  private final List<ErrorEntry> failures;

  CutOutcomes(List<ErrorEntry> rejected) {
    this.failures = new ArrayList<>(rejected);
  }

  synchronized void written(String key) {
    written.add(key);
  }

  synchronized void failed(ErrorEntry entry) {
    failures.add(entry);
  }

  synchronized void failed(List<ErrorEntry> entries) {
    failures.addAll(entries);
  }

  synchronized List<String> writtenKeys() {
    return List.copyOf(written);
  }

  synchronized List<ErrorEntry> failures() {
    return List.copyOf(failures);
  }
}
