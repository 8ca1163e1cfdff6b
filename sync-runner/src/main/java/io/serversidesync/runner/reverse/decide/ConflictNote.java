package io.serversidesync.runner.reverse.decide;

import java.time.Instant;
import java.util.Map;

/**
 * One conflict as it is logged: both versions (values are data, never credentials) and the winner.
 *
 * @param key the upsert key
 * @param sourceValues the row's mapped columns (column → text)
 * @param sourceCommitted the row's last commit time, or null when unknown
 * @param destinationValues the record's mapped fields (field → canonical text), or empty for a
 *     deleted record
 * @param destinationModified the record's modification (or deletion) time
 * @param nativeId the record's native id
 * @param destinationWon whether the destination's version was applied
 */
public record ConflictNote(
    String key,
    Map<String, String> sourceValues,
    Instant sourceCommitted,
    Map<String, String> destinationValues,
    Instant destinationModified,
    String nativeId,
    boolean destinationWon) {}
