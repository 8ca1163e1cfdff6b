package io.serversidesync.operator.status;

import io.serversidesync.api.v1alpha1.Condition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Builds kstatus conditions: lastTransitionTime moves only when the status flips (a new reason or
 * message alone keeps it), so readers can tell how long a state has lasted.
 */
public final class Conditions {

  private Conditions() {}

  /** The condition of the given type as it should be now, given what it was before. */
  public static Condition next(
      List<Condition> previous, String type, ConditionState state, long generation, Instant now) {
    String status = state.status() ? "True" : "False";
    Condition before = find(previous, type);
    String transition =
        before != null
                && status.equals(before.getStatus())
                && before.getLastTransitionTime() != null
            ? before.getLastTransitionTime()
            : DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    return new Condition(type, status, state.reason(), state.message(), transition, generation);
  }

  /** The condition of a type, or null. */
  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream()
        .filter(c -> Objects.equals(type, c.getType()))
        .findFirst()
        .orElse(null);
  }

  /** Whether a condition of the type is present with status True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    Condition c = find(conditions, type);
    return c != null && "True".equals(c.getStatus());
  }
}
