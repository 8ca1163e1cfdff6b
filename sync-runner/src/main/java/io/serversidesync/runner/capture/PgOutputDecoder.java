package io.serversidesync.runner.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes pgoutput protocol version 1 messages (the logical replication output plugin built into
 * Postgres) and hands them to a {@link PgOutputHandler}.
 *
 * <p>Written for the hot path: row messages are not copied or parsed into values; the decoder only
 * records where each column's text lies in the message (see {@link TupleView}) and reuses its
 * views, so a change costs no allocation beyond the message itself. Values are parsed later, and
 * only for the columns that are sent. Not thread-safe: one decoder per stream.
 */
public final class PgOutputDecoder {

  private final PgOutputHandler handler;
  private final Map<Integer, Relation> relations = new HashMap<>();
  private final TupleView oldRow = new TupleView();
  private final TupleView newRow = new TupleView();
  private Relation lastRelation;

  private byte[] buf;
  private int pos;
  private int end;

  public PgOutputDecoder(PgOutputHandler handler) {
    this.handler = handler;
  }

  /** Decodes one message occupying {@code length} bytes of {@code buffer} from {@code offset}. */
  public void decode(byte[] buffer, int offset, int length) {
    this.buf = buffer;
    this.pos = offset;
    this.end = offset + length;
    if (length < 1) {
      throw new PgOutputFormatException("empty pgoutput message");
    }
    byte type = buf[pos++];
    switch (type) {
      case 'B' -> handler.begin(readLong(), readLong(), readInt());
      case 'C' -> {
        pos++; // flags, unused by protocol version 1
        long commitLsn = readLong();
        long endLsn = readLong();
        handler.commit(commitLsn, endLsn, readLong());
      }
      case 'O' -> {
        long originLsn = readLong();
        handler.origin(originLsn, readString());
      }
      case 'R' -> readRelation();
      case 'Y' -> {
        int oid = readInt();
        String namespace = readString();
        handler.type(oid, namespace, readString());
      }
      case 'I' -> {
        Relation relation = relation(readInt());
        expect('N');
        readTuple(newRow);
        handler.insert(relation, newRow);
      }
      case 'U' -> readUpdate();
      case 'D' -> {
        Relation relation = relation(readInt());
        byte marker = buf[pos++];
        if (marker != 'K' && marker != 'O') {
          throw new PgOutputFormatException(
              "Delete message: expected K or O, got " + (char) marker);
        }
        readTuple(oldRow);
        handler.delete(relation, oldRow, marker == 'K');
      }
      case 'T' -> {
        int count = readInt();
        byte options = buf[pos++];
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
          ids[i] = readInt();
        }
        handler.truncate(ids, (options & 1) != 0, (options & 2) != 0);
      }
      case 'M' -> {
        // Logical decoding messages (pg_logical_emit_message) are only sent when asked for.
      }
      default ->
          throw new PgOutputFormatException(
              "unknown pgoutput message type '" + (char) type + "' (" + type + ")");
    }
  }

  /** The relation last described with this id, or null if none was (for tests and snapshots). */
  public Relation relationById(int id) {
    return relations.get(id);
  }

  private void readUpdate() {
    Relation relation = relation(readInt());
    byte marker = buf[pos++];
    TupleView old = null;
    boolean keyOnly = false;
    if (marker == 'K' || marker == 'O') {
      readTuple(oldRow);
      old = oldRow;
      keyOnly = marker == 'K';
      marker = buf[pos++];
    }
    if (marker != 'N') {
      throw new PgOutputFormatException("Update message: expected N, got " + (char) marker);
    }
    readTuple(newRow);
    handler.update(relation, old, keyOnly, newRow);
  }

  private void readRelation() {
    int id = readInt();
    String namespace = readString();
    String name = readString();
    char identity = (char) buf[pos++];
    int columnCount = readShort();
    List<RelationColumn> columns = new ArrayList<>(columnCount);
    for (int i = 0; i < columnCount; i++) {
      boolean key = (buf[pos++] & 1) != 0;
      String column = readString();
      int typeOid = readInt();
      int typeModifier = readInt();
      columns.add(new RelationColumn(column, typeOid, typeModifier, key));
    }
    // pgoutput sends an empty namespace for pg_catalog.
    Relation relation =
        new Relation(id, namespace.isEmpty() ? "pg_catalog" : namespace, name, identity, columns);
    relations.put(id, relation);
    lastRelation = relation;
    handler.relation(relation);
  }

  private Relation relation(int id) {
    Relation cached = lastRelation;
    if (cached != null && cached.id() == id) {
      return cached;
    }
    Relation relation = relations.get(id);
    if (relation == null) {
      throw new PgOutputFormatException(
          "row message for relation " + id + " before its Relation message");
    }
    lastRelation = relation;
    return relation;
  }

  private void readTuple(TupleView view) {
    int count = readShort();
    view.reset(buf, count);
    for (int i = 0; i < count; i++) {
      byte kind = buf[pos++];
      switch (kind) {
        case TupleView.NULL, TupleView.UNCHANGED_TOAST -> view.set(i, kind, pos, 0);
        case TupleView.TEXT, TupleView.BINARY -> {
          int length = readInt();
          if (length < 0 || pos + length > end) {
            throw new PgOutputFormatException("column " + i + " overruns the message");
          }
          view.set(i, kind, pos, length);
          pos += length;
        }
        default ->
            throw new PgOutputFormatException(
                "unknown tuple column kind '" + (char) kind + "' in column " + i);
      }
    }
  }

  private void expect(char marker) {
    byte got = buf[pos++];
    if (got != marker) {
      throw new PgOutputFormatException("expected " + marker + ", got " + (char) got);
    }
  }

  private int readShort() {
    check(2);
    int value = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    pos += 2;
    return value;
  }

  private int readInt() {
    check(4);
    int value =
        ((buf[pos] & 0xFF) << 24)
            | ((buf[pos + 1] & 0xFF) << 16)
            | ((buf[pos + 2] & 0xFF) << 8)
            | (buf[pos + 3] & 0xFF);
    pos += 4;
    return value;
  }

  private long readLong() {
    long high = readInt() & 0xFFFFFFFFL;
    long low = readInt() & 0xFFFFFFFFL;
    return (high << 32) | low;
  }

  private String readString() {
    int start = pos;
    while (pos < end && buf[pos] != 0) {
      pos++;
    }
    if (pos >= end) {
      throw new PgOutputFormatException("unterminated string");
    }
    String value = new String(buf, start, pos - start, StandardCharsets.UTF_8);
    pos++;
    return value;
  }

  private void check(int bytes) {
    if (pos + bytes > end) {
      throw new PgOutputFormatException("message ends early");
    }
  }
}
