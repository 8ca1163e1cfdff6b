package io.serversidesync.runner.capture.triggers;

/**
 * A place in the change table's reading order, (transaction id, row id): every recorded change at
 * or before it has been read.
 */
public record ChangeMark(long xid, long id) {

  public static final ChangeMark START = new ChangeMark(0, 0);

  public boolean after(ChangeMark other) {
    return xid != other.xid ? Long.compareUnsigned(xid, other.xid) > 0 : id > other.id;
  }
}
