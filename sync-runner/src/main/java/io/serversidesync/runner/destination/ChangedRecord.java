package io.serversidesync.runner.destination;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A destination record as the reverse direction reads it.
 *
 * <p>Field values use the types documented on {@link DestinationRecord} ({@code String}, {@code
 * Long}, {@code java.math.BigDecimal}, {@code Boolean}, {@code java.time.LocalDate}, {@code
 * java.time.OffsetDateTime}, {@code java.time.LocalTime} or {@code null}), chosen by the field's
 * type in the destination, so that a value the runner wrote reads back equal to what it sent.
 *
 * @param nativeId the destination's own id (Salesforce: the 18-character Id)
 * @param externalId the external-id field's value as text, or null when the record has none (e.g.
 *     created in the destination without the customer-managed identifier)
 * @param modifiedAt the destination's modification time (Salesforce: SystemModstamp)
 * @param fields every mapped field by API name, in mapping order (a lookup set by the parent's
 *     external id holds that external id); a field absent from the map is unknown, as is such a
 *     lookup whose parent has no external id
 * @param parentIds for each such lookup, by field name, the parent's native id (null when the
 *     lookup is empty)
 */
public record ChangedRecord(
    String nativeId,
    String externalId,
    Instant modifiedAt,
    Map<String, Object> fields,
    Map<String, String> parentIds) {

  public ChangedRecord {
    Objects.requireNonNull(nativeId, "nativeId");
    Objects.requireNonNull(modifiedAt, "modifiedAt");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    parentIds = Collections.unmodifiableMap(new LinkedHashMap<>(parentIds));
  }

  /** A record without lookups set by the parent's external id. */
  public ChangedRecord(
      String nativeId, String externalId, Instant modifiedAt, Map<String, Object> fields) {
    this(nativeId, externalId, modifiedAt, fields, Map.of());
  }
}
