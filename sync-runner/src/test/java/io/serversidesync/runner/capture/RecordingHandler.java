package io.serversidesync.runner.capture;

import io.serversidesync.runner.pg.Lsn;
import java.util.ArrayList;
import java.util.List;

/** Records decoded messages as readable lines, e.g. {@code U t1 old=K[1] new=[1,'x',u]}. */
final class RecordingHandler implements PgOutputHandler {

  final List<String> events = new ArrayList<>();
  final List<Relation> relations = new ArrayList<>();
  long lastCommitEnd;
  long lastCommitLsn;
  long lastBeginFinalLsn;

  @Override
  public void begin(long finalLsn, long commitTimeMicros, int xid) {
    lastBeginFinalLsn = finalLsn;
    events.add("B");
  }

  @Override
  public void commit(long commitLsn, long endLsn, long commitTimeMicros) {
    lastCommitLsn = commitLsn;
    lastCommitEnd = endLsn;
    events.add("C");
  }

  @Override
  public void origin(long originLsn, String originName) {
    events.add("O " + originName + " " + Lsn.format(originLsn));
  }

  @Override
  public void relation(Relation relation) {
    relations.add(relation);
    events.add("R " + relation.qualifiedName() + " " + relation.replicaIdentity());
  }

  @Override
  public void type(int oid, String namespace, String name) {
    events.add("Y " + namespace + "." + name);
  }

  @Override
  public void insert(Relation relation, TupleView newRow) {
    events.add("I " + relation.name() + " " + render(newRow));
  }

  @Override
  public void update(Relation relation, TupleView oldRow, boolean oldIsKeyOnly, TupleView newRow) {
    String old = oldRow == null ? "" : " old=" + (oldIsKeyOnly ? "K" : "O") + render(oldRow);
    events.add("U " + relation.name() + old + " new=" + render(newRow));
  }

  @Override
  public void delete(Relation relation, TupleView oldRow, boolean oldIsKeyOnly) {
    events.add("D " + relation.name() + " " + (oldIsKeyOnly ? "K" : "O") + render(oldRow));
  }

  @Override
  public void truncate(int[] relationIds, boolean cascade, boolean restartIdentity) {
    events.add(
        "T "
            + relationIds.length
            + (cascade ? " cascade" : "")
            + (restartIdentity ? " restart" : ""));
  }

  static String render(TupleView row) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < row.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      switch (row.kind(i)) {
        case TupleView.NULL -> out.append("null");
        case TupleView.UNCHANGED_TOAST -> out.append("u");
        default -> {
          String text = row.text(i);
          out.append('\'').append(text.length() > 40 ? text.length() + "chars" : text).append('\'');
        }
      }
    }
    return out.append(']').toString();
  }
}
