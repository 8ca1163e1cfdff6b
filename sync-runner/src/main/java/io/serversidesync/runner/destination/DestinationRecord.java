package io.serversidesync.runner.destination;

import java.util.Map;
import java.util.Objects;

/**
 * One record to write: the external id (the upsert key's value) and the mapped fields.
 *
 * <p>Field values are typed Java values converted from Postgres: {@code String}, {@code Long},
 * {@code java.math.BigDecimal}, {@code Double}, {@code Boolean}, {@code java.time.LocalDate},
 * {@code java.time.LocalDateTime} (timestamp without time zone, taken as UTC), {@code
 * java.time.OffsetDateTime}, {@link JsonText} (json/jsonb), or {@code null} (set the field to
 * null). The destination converts them to its wire format. The map holds only fields to write: an
 * unchanged TOASTed column the runner could not read is absent, not null.
 *
 * @param externalId value of the external-id field; never null or empty
 * @param fields field API name to value, in mapping order; includes the external-id field
 */
public record DestinationRecord(String externalId, Map<String, Object> fields) {

  public DestinationRecord {
    Objects.requireNonNull(externalId, "externalId");
    if (externalId.isEmpty()) {
      throw new IllegalArgumentException("externalId is empty");
    }
    fields = FieldValues.copyOf(fields);
  }

  /** A record that only names the external id, for deletes. */
  public static DestinationRecord keyOnly(String externalId) {
    return new DestinationRecord(externalId, Map.of());
  }
}
