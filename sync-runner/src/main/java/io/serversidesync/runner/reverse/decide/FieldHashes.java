package io.serversidesync.runner.reverse.decide;

import io.serversidesync.runner.destination.JsonText;
import io.serversidesync.runner.destination.StoredForm;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A record's version as one 64-bit hash per mapped field, in mapping order. Values are hashed in a
 * canonical form so that a value the runner sends and the same value read back from the destination
 * hash alike: numbers by their numeric value ({@code 10.50} = {@code 10.5}), date-times as UTC
 * instants to the millisecond, and each value first in the form the destination stores it ({@link
 * StoredForm}: a destination that stores empty text as null hashes it like a null). A field whose
 * value is unknown (an unchanged TOASTed column the runner never saw) has no hash ({@code null})
 * and never matches.
 *
 * @param hashes one hash per mapped field, {@code null} where unknown
 */
public record FieldHashes(Long[] hashes) {

  /** The hash of a null value (and of a value the destination stores as null). */
  static final long NULL_HASH = 0L;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(FieldHashes::sha256);

  public FieldHashes {
    hashes = hashes.clone();
  }

  /** Hashes values given in mapping order (a missing element is unknown). */
  public static FieldHashes ofValues(List<?> values, boolean[] known, StoredForm form) {
    Long[] out = new Long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = known[i] ? hash(values.get(i), form) : null;
    }
    return new FieldHashes(out);
  }

  /** Hashes the fields of a record, by field API name in mapping order; absent fields unknown. */
  public static FieldHashes ofFields(
      List<String> fieldNames, Map<String, Object> fields, StoredForm form) {
    Long[] out = new Long[fieldNames.size()];
    for (int i = 0; i < out.length; i++) {
      String name = fieldNames.get(i);
      out[i] = fields.containsKey(name) ? hash(fields.get(name), form) : null;
    }
    return new FieldHashes(out);
  }

  /** Parses the text form of a Postgres bigint[] ({@code {1,-2,NULL}}); null stays null. */
  public static FieldHashes parse(String array) {
    if (array == null) {
      return null;
    }
    String body = array.substring(1, array.length() - 1);
    if (body.isEmpty()) {
      return new FieldHashes(new Long[0]);
    }
    String[] parts = body.split(",");
    Long[] out = new Long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = parts[i].equals("NULL") ? null : Long.parseLong(parts[i]);
    }
    return new FieldHashes(out);
  }

  /** The text form of a Postgres bigint[]. */
  public String toSql() {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < hashes.length; i++) {
      out.append(i == 0 ? "" : ",").append(hashes[i] == null ? "NULL" : hashes[i].toString());
    }
    return out.append('}').toString();
  }

  /** Whether every field is known. */
  public boolean complete() {
    for (Long h : hashes) {
      if (h == null) {
        return false;
      }
    }
    return true;
  }

  /** Same fields, every one known and equal. */
  public boolean sameAs(FieldHashes other) {
    if (other == null || other.hashes.length != hashes.length) {
      return false;
    }
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] == null || !hashes[i].equals(other.hashes[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * These hashes, with unknown fields taken from {@code older} (same length) where it knows them.
   */
  public FieldHashes over(FieldHashes older) {
    if (older == null || older.hashes.length != hashes.length || complete()) {
      return this;
    }
    Long[] merged = hashes.clone();
    for (int i = 0; i < merged.length; i++) {
      if (merged[i] == null) {
        merged[i] = older.hashes[i];
      }
    }
    return new FieldHashes(merged);
  }

  /**
   * The canonical text of a typed value as the destination stores it (see the class comment), null
   * for null.
   */
  public static String canonical(Object value, StoredForm form) {
    return canonical(form.stored(value));
  }

  private static String canonical(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return value.toString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? canonical(BigDecimal.valueOf(d)) : Double.toString(d);
    }
    if (value instanceof OffsetDateTime t) {
      return t.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS).toString();
    }
    if (value instanceof Instant t) {
      return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
    if (value instanceof LocalTime t) {
      return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
    if (value instanceof JsonText j) {
      return j.json();
    }
    return value.toString();
  }

  /** The hash of one value's canonical text, as the destination stores it. */
  public static long hash(Object value, StoredForm form) {
    String text = canonical(value, form);
    if (text == null) {
      return NULL_HASH;
    }
    byte[] digest = SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    long h = ByteBuffer.wrap(digest).getLong();
    return h == NULL_HASH ? 1 : h;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldHashes f && Arrays.equals(f.hashes, hashes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hashes);
  }

  @Override
  public String toString() {
    return toSql();
  }
}
