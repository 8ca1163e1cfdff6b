package io.serversidesync.harness.verify;

import java.util.List;

/**
 * Every key compared: Postgres row against destination record.
 *
 * @param keys keys compared
 * @param rows keys with a row in Postgres
 * @param matched rows whose destination record has the same values, plus deleted rows without a
 *     record
 * @param lost rows without a destination record
 * @param mismatched rows whose record differs, plus deleted rows whose record is still there
 * @param unresolvedErrors rows of serversidesync.errors not resolved (by code: see examples)
 * @param examples a few differences, for the reader
 */
public record Verification(
    int keys,
    int rows,
    int matched,
    int lost,
    int mismatched,
    long unresolvedErrors,
    List<String> examples) {

  public boolean passed() {
    return lost == 0 && mismatched == 0 && unresolvedErrors == 0 && matched == keys;
  }
}
