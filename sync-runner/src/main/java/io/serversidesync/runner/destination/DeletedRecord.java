package io.serversidesync.runner.destination;

import java.time.Instant;

/**
 * A record deleted in the destination.
 *
 * @param nativeId its native id
 * @param deletedAt when the destination deleted it
 */
public record DeletedRecord(String nativeId, Instant deletedAt) {}
