package io.serversidesync.runner.reverse.poll;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.status.RunnerState;
import java.time.Clock;
import java.time.Duration;

/**
 * What the reverse loop runs under: the sync's settings, the state it reports to, its clock and the
 * first wait after a failed poll (doubled on each further failure).
 */
public record LoopSettings(
    SyncSettings settings, RunnerState state, Clock clock, Duration retryWait) {}
