package io.serversidesync.runner.destination;

/**
 * How a destination stores a value, as far as comparing values goes: two-way sync compares what the
 * runner sent with what it reads back, and a destination that keeps a value in another form (empty
 * text as null) declares it here, so that reading back its own write is not taken for an edit.
 */
@FunctionalInterface
public interface StoredForm {

  /** Values are stored as they were sent. */
  StoredForm AS_SENT = value -> value;

  /** Empty text (and empty JSON text) is stored as null; other values as sent. */
  StoredForm EMPTY_TEXT_AS_NULL =
      value ->
          (value instanceof String s && s.isEmpty())
                  || (value instanceof JsonText j && j.json().isEmpty())
              ? null
              : value;

  /**
   * The value as the destination would give it back; {@code null} stays {@code null}.
   *
   * @param value a typed value as documented on {@link DestinationRecord}
   */
  Object stored(Object value);
}
