package io.serversidesync.harness.verify;

import java.util.Map;

/**
 * A destination's records as the {@link Verifier} compares them: each live record by the key it was
 * upserted by (Salesforce's external id, HubSpot's unique property), and the rule by which the
 * destination holds a Postgres value.
 */
public interface DestinationRecords {

  /**
   * Every live record by its key; a record without a key is under {@code null}.
   *
   * @return key → (field or property name → value as the destination returns it)
   */
  Map<String, Map<String, Object>> byKey();

  /** Whether the destination holds {@code postgres}'s value as {@code destination}. */
  boolean same(Object postgres, Object destination);

  /** Records read from Salesforce (the sandbox, the REST API), compared by {@link Values#same}. */
  static DestinationRecords salesforce(Map<String, Map<String, Object>> byKey) {
    return of(byKey, Values::same);
  }

  /** Records read from HubSpot, every value a string, compared by {@link HubSpotValues#same}. */
  static DestinationRecords hubSpot(Map<String, Map<String, Object>> byKey) {
    return of(byKey, HubSpotValues::same);
  }

  /** Records compared by {@code rule}. */
  static DestinationRecords of(Map<String, Map<String, Object>> byKey, ValueRule rule) {
    return new DestinationRecords() {
      @Override
      public Map<String, Map<String, Object>> byKey() {
        return byKey;
      }

      @Override
      public boolean same(Object postgres, Object destination) {
        return rule.same(postgres, destination);
      }
    };
  }

  /** How a destination holds a Postgres value. */
  @FunctionalInterface
  interface ValueRule {
    boolean same(Object postgres, Object destination);
  }
}
