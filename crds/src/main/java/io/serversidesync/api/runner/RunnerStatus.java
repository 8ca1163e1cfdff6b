package io.serversidesync.api.runner;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.api.v1alpha1.Lag;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.PlanStatus;
import io.serversidesync.api.v1alpha1.ReverseCounters;

/**
 * The JSON document the runner serves at {@code /status} and the operator copies into the
 * resource's status.
 *
 * @param sync the sync's name
 * @param phase what the runner is doing
 * @param ready whether the runner is streaming normally (false while starting or when blocked)
 * @param reason one CamelCase word for the current state, e.g. Streaming or CredentialsRejected
 * @param message what is happening and, when blocked, what to do
 * @param lag distance to the source
 * @param counters forward totals
 * @param reverse two-way totals, null for one-way syncs
 * @param confirmedLsn last LSN confirmed to the slot, e.g. 0/16B3748
 * @param throttledUntil while throttled, RFC 3339 time the runner expects to resume
 * @param replayErrorsAcknowledged the replay-errors annotation value the runner acted on
 * @param plan in plan mode (spec.dryRun), the cost estimate; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunnerStatus(
    String sync,
    Phase phase,
    boolean ready,
    String reason,
    String message,
    Lag lag,
    Counters counters,
    ReverseCounters reverse,
    String confirmedLsn,
    String throttledUntil,
    String replayErrorsAcknowledged,
    PlanStatus plan) {}
