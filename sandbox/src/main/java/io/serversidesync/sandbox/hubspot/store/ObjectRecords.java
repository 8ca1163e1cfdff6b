package io.serversidesync.sandbox.hubspot.store;

import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import io.serversidesync.sandbox.hubspot.values.HubSpotFormats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The live records of one object type, with an index per unique property that enforces unique
 * values. Unique values match ignoring case (HubSpot's documentation is silent; this is the reading
 * the runner takes, docs/hubspot.md): an upsert by {@code c-1} updates the record of {@code C-1}
 * and gives it the new spelling. Thread-safe: every method holds the object's lock.
 */
public final class ObjectRecords {
  private final HubSpotObject object;
  private final LongSupplier ids;
  private final TreeMap<Long, HubSpotRecord> byId = new TreeMap<>();
  private final Map<String, Map<String, Long>> unique = new HashMap<>();

  public ObjectRecords(HubSpotObject object, LongSupplier ids) {
    this.object = object;
    this.ids = ids;
    object.properties().stream()
        .filter(PropertyDef::hasUniqueValue)
        .forEach(p -> unique.put(p.name(), new HashMap<>()));
  }

  public HubSpotObject object() {
    return object;
  }

  /**
   * Updates the record whose {@code idProperty} is {@code idValue}, or creates it with that value.
   * {@code values} are stored forms, null clears. The last-modified date becomes {@code now}.
   */
  public synchronized UpsertResult upsert(
      String idProperty, String idValue, Map<String, String> values, Instant now)
      throws UniqueValueException {
    Optional<HubSpotRecord> existing = find(idProperty, idValue);
    Map<String, String> props = new LinkedHashMap<>();
    existing.ifPresent(r -> props.putAll(r.properties()));
    values.forEach(
        (k, v) -> {
          if (v == null) {
            props.remove(k);
          } else {
            props.put(k, v);
          }
        });
    if (!idProperty.equals(HubSpotObject.ID)) {
      props.put(idProperty, idValue);
    }
    long id = existing.map(HubSpotRecord::id).orElse(-1L);
    checkUnique(props, id);
    if (id < 0) {
      id = ids.getAsLong();
      props.put(HubSpotObject.ID, Long.toString(id));
      props.put(HubSpotObject.CREATED, HubSpotFormats.datetime(now));
    }
    props.put(object.lastModifiedProperty(), HubSpotFormats.datetime(now));
    Instant created = existing.map(HubSpotRecord::createdAt).orElse(now);
    HubSpotRecord record = new HubSpotRecord(id, props, created, now);
    existing.ifPresent(this::unindex);
    byId.put(id, record);
    index(record);
    return new UpsertResult(record, existing.isEmpty());
  }

  /** The record whose {@code property} (unique, or {@code hs_object_id}) equals {@code value}. */
  public synchronized Optional<HubSpotRecord> find(String property, String value) {
    if (property.equals(HubSpotObject.ID)) {
      try {
        return Optional.ofNullable(byId.get(Long.parseLong(value.trim())));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    Map<String, Long> index = unique.get(property);
    if (index == null) {
      return Optional.empty();
    }
    Long id = index.get(key(value));
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  /** Archives (removes) a record by id; false when there is none. */
  public synchronized boolean archive(long id) {
    HubSpotRecord r = byId.remove(id);
    if (r == null) {
      return false;
    }
    unindex(r);
    return true;
  }

  /** Every live record, by id ascending. */
  public synchronized List<HubSpotRecord> snapshot() {
    return new ArrayList<>(byId.values());
  }

  public synchronized void clear() {
    byId.clear();
    unique.values().forEach(Map::clear);
  }

  private void checkUnique(Map<String, String> props, long self) throws UniqueValueException {
    for (Map.Entry<String, Map<String, Long>> e : unique.entrySet()) {
      String v = props.get(e.getKey());
      Long holder = v == null ? null : e.getValue().get(key(v));
      if (holder != null && holder != self) {
        throw new UniqueValueException(e.getKey(), v, holder);
      }
    }
  }

  private void index(HubSpotRecord r) {
    unique.forEach(
        (p, index) -> {
          String v = r.value(p);
          if (v != null) {
            index.put(key(v), r.id());
          }
        });
  }

  private void unindex(HubSpotRecord r) {
    unique.forEach(
        (p, index) -> {
          String v = r.value(p);
          if (v != null) {
            index.remove(key(v), r.id());
          }
        });
  }

  /** A unique value as its index holds it: unique values match ignoring case. */
  private static String key(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
