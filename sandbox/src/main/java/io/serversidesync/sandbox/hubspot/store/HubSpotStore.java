package io.serversidesync.sandbox.hubspot.store;

import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.HubSpotSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The in-memory records of every object type; record ids are shared and increasing. */
public final class HubSpotStore {
  /** The first record id after a start or reset. */
  public static final long FIRST_ID = 101;

  private final HubSpotSchema schema;
  private final AtomicLong nextId = new AtomicLong(FIRST_ID);
  private final Map<String, ObjectRecords> objects = new LinkedHashMap<>();

  public HubSpotStore(HubSpotSchema schema) {
    this.schema = schema;
    for (HubSpotObject o : schema.objects()) {
      objects.put(o.name(), new ObjectRecords(o, nextId::getAndIncrement));
    }
  }

  public HubSpotSchema schema() {
    return schema;
  }

  public ObjectRecords records(HubSpotObject object) {
    return objects.get(object.name());
  }

  /** Removes every record; ids start again at {@link #FIRST_ID}. */
  public void clear() {
    objects.values().forEach(ObjectRecords::clear);
    nextId.set(FIRST_ID);
  }
}
