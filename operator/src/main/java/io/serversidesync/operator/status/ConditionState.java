package io.serversidesync.operator.status;

/**
 * What one condition should say now.
 *
 * @param status true or false
 * @param reason one CamelCase word
 * @param message what is happening and, when something is wrong, what to do
 */
public record ConditionState(boolean status, String reason, String message) {

  public static ConditionState isTrue(String reason, String message) {
    return new ConditionState(true, reason, message);
  }

  public static ConditionState isFalse(String reason, String message) {
    return new ConditionState(false, reason, message);
  }
}
