package io.serversidesync.runner.reverse.decide;

/**
 * The decision for one record.
 *
 * @param verdict what to do
 * @param conflict both sides changed since the last synced version (counted and logged)
 * @param resend the forward direction must send the row again once it has read past this write: a
 *     change it already captured (or sent) would otherwise overwrite the outcome
 */
public record Decision(Verdict verdict, boolean conflict, boolean resend) {

  static Decision of(Verdict verdict) {
    return new Decision(verdict, false, false);
  }
}
