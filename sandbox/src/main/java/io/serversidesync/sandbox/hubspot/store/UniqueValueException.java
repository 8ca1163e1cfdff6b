package io.serversidesync.sandbox.hubspot.store;

/** A write would give a unique property a value another record holds. */
public final class UniqueValueException extends Exception {
  private final String property;

  public UniqueValueException(String property, String value, long holder) {
    super(
        "A record with the value \""
            + value
            + "\" for the unique property \""
            + property
            + "\" already exists (id "
            + holder
            + ").");
    this.property = property;
  }

  public String property() {
    return property;
  }
}
