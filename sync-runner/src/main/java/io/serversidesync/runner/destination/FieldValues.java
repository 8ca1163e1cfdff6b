package io.serversidesync.runner.destination;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable field map that keeps the order it was given and allows null values, held in two
 * arrays. A delivery holds one per record, and a backlog's cut can be 100,000 records: a
 * LinkedHashMap costs about 350 bytes for six fields (an entry object per field, the table, the
 * links), this about 80, which is what keeps a drain of a 1,000,000-change backlog within a runner
 * pod's memory.
 */
public final class FieldValues extends AbstractMap<String, Object> {

  private final String[] names;
  private final Object[] values;

  private FieldValues(String[] names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  /** The same fields in the same order; {@code fields} itself when it already is one. */
  public static FieldValues copyOf(Map<String, ?> fields) {
    if (fields instanceof FieldValues same) {
      return same;
    }
    String[] names = new String[fields.size()];
    Object[] values = new Object[fields.size()];
    int i = 0;
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      names[i] = Objects.requireNonNull(e.getKey(), "field name");
      values[i] = e.getValue();
      i++;
    }
    return new FieldValues(names, values);
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public boolean containsKey(Object name) {
    return indexOf(name) >= 0;
  }

  @Override
  public Object get(Object name) {
    int i = indexOf(name);
    return i < 0 ? null : values[i];
  }

  private int indexOf(Object name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return names.length;
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < names.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= names.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
          }
        };
      }
    };
  }
}
