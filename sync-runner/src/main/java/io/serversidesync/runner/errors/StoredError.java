package io.serversidesync.runner.errors;

import java.time.OffsetDateTime;
import java.util.List;

/** A row of serversidesync.errors as `errors list` shows it. */
public record StoredError(
    long id,
    String upsertKey,
    String lsn,
    String code,
    String message,
    List<String> fields,
    String payload,
    int attempts,
    OffsetDateTime firstSeen,
    OffsetDateTime lastSeen,
    OffsetDateTime resolvedAt,
    OffsetDateTime replayRequestedAt) {

  public StoredError {
    fields = List.copyOf(fields);
  }
}
