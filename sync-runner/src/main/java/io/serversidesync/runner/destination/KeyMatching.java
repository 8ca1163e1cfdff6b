package io.serversidesync.runner.destination;

import java.util.Locale;

/**
 * How a destination matches the customer-managed identifiers its upserts and deletes name: two keys
 * that Postgres tells apart may name one destination record (a Salesforce External ID is
 * case-insensitive unless created "case sensitive").
 */
public enum KeyMatching {
  EXACT {
    @Override
    public String canonical(String key) {
      return key;
    }
  },
  IGNORING_CASE {
    @Override
    public String canonical(String key) {
      return key.toLowerCase(Locale.ROOT);
    }
  };

  /** The form under which two keys name the same destination record when they are equal. */
  public abstract String canonical(String key);
}
