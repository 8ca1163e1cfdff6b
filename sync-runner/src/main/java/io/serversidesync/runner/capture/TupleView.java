package io.serversidesync.runner.capture;

import java.nio.charset.StandardCharsets;

/**
 * A row image inside a pgoutput message, decoded lazily: the decoder records where each column's
 * text starts and ends in the message's bytes, and nothing is copied or parsed until a consumer
 * asks. The decoder reuses one instance per role (old/new image), so a consumer that keeps a value
 * keeps a reference to {@link #buffer()} with the offset and length, never the view.
 */
public final class TupleView {

  /** The column is NULL. */
  public static final byte NULL = 'n';

  /** An unchanged TOASTed value that the update did not carry: the value is unknown, not null. */
  public static final byte UNCHANGED_TOAST = 'u';

  /** A value in text format. */
  public static final byte TEXT = 't';

  /** A value in binary format (only when the binary option is requested, which we do not). */
  public static final byte BINARY = 'b';

  private byte[] buffer;
  private int count;
  private byte[] kinds = new byte[16];
  private int[] offsets = new int[16];
  private int[] lengths = new int[16];

  /** Points the view at a message with {@code count} columns (decoder and snapshot reader). */
  public void reset(byte[] buffer, int count) {
    this.buffer = buffer;
    this.count = count;
    if (kinds.length < count) {
      kinds = new byte[count];
      offsets = new int[count];
      lengths = new int[count];
    }
  }

  /** Records where one column's value lies. */
  public void set(int column, byte kind, int offset, int length) {
    kinds[column] = kind;
    offsets[column] = offset;
    lengths[column] = length;
  }

  /** Number of columns in the image. */
  public int size() {
    return count;
  }

  /** One of {@link #NULL}, {@link #UNCHANGED_TOAST}, {@link #TEXT}, {@link #BINARY}. */
  public byte kind(int column) {
    return kinds[column];
  }

  /** The message bytes the offsets point into; owned by the message, safe to keep. */
  public byte[] buffer() {
    return buffer;
  }

  public int offset(int column) {
    return offsets[column];
  }

  public int length(int column) {
    return lengths[column];
  }

  /** The column's text, or null for NULL and unchanged-TOAST (allocates: not for hot paths). */
  public String text(int column) {
    byte kind = kinds[column];
    if (kind != TEXT && kind != BINARY) {
      return null;
    }
    return new String(buffer, offsets[column], lengths[column], StandardCharsets.UTF_8);
  }
}
