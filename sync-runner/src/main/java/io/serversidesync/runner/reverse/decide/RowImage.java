package io.serversidesync.runner.reverse.decide;

import java.time.Instant;
import java.util.List;

/**
 * The current row of a key in the synced table, as the reverse direction reads it (locked).
 *
 * @param key the upsert key as text
 * @param texts the mapped columns' values as text, in mapping order (null for NULL)
 * @param hashes their version hashes
 * @param nativeId the destination-id column's value, or null
 * @param committedAt commit time of the row's last change (LastWriteWins only), or null
 */
public record RowImage(
    String key, List<String> texts, FieldHashes hashes, String nativeId, Instant committedAt) {}
