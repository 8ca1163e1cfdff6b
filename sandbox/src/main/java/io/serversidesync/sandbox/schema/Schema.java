package io.serversidesync.sandbox.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The declared objects, looked up case-insensitively by name or by id key prefix. */
public final class Schema {
  private final Map<String, ObjectDef> byLowerName = new LinkedHashMap<>();
  private final Map<String, ObjectDef> byPrefix = new LinkedHashMap<>();

  public Schema(List<ObjectDef> objects) {
    for (ObjectDef o : objects) {
      if (byLowerName.put(o.name().toLowerCase(Locale.ROOT), o) != null) {
        throw new IllegalArgumentException("object " + o.name() + " is declared twice");
      }
      ObjectDef clash = byPrefix.put(o.keyPrefix(), o);
      if (clash != null) {
        throw new IllegalArgumentException(
            "objects " + clash.name() + " and " + o.name() + " share keyPrefix " + o.keyPrefix());
      }
    }
  }

  public Optional<ObjectDef> object(String name) {
    return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<ObjectDef> objectByKeyPrefix(String prefix) {
    return Optional.ofNullable(byPrefix.get(prefix));
  }

  public Collection<ObjectDef> objects() {
    return Collections.unmodifiableCollection(byLowerName.values());
  }
}
