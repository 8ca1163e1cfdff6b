package io.serversidesync.sandbox.store;

import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** All object stores of the declared schema, and the id sequences. */
public final class RecordStore {
  /** Sequences start high enough that ids look like real ones rather than runs of zeros. */
  private static final long FIRST_SEQUENCE = 62L * 62 * 62 * 62 * 62 * 7;

  private final Schema schema;
  private final Map<String, ObjectStore> stores = new LinkedHashMap<>();
  private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

  public RecordStore(Schema schema) {
    this.schema = schema;
    for (ObjectDef o : schema.objects()) {
      stores.put(o.name().toLowerCase(Locale.ROOT), new ObjectStore(o));
    }
  }

  public Schema schema() {
    return schema;
  }

  public Optional<ObjectStore> store(String objectName) {
    return Optional.ofNullable(stores.get(objectName.toLowerCase(Locale.ROOT)));
  }

  public ObjectStore store(ObjectDef object) {
    return stores.get(object.name().toLowerCase(Locale.ROOT));
  }

  /** A new unique 18-character id with the key prefix; ids are never reused, even after reset. */
  public String nextId(String keyPrefix) {
    long n =
        sequences.computeIfAbsent(keyPrefix, k -> new AtomicLong(FIRST_SEQUENCE)).incrementAndGet();
    return SalesforceId.of(keyPrefix, n);
  }

  /** Removes every record (ids keep counting up). */
  public void clear() {
    for (ObjectStore s : stores.values()) {
      s.locked(
          () -> {
            s.clear();
            return null;
          });
    }
  }
}
