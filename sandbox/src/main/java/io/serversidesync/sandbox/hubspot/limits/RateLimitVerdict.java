package io.serversidesync.sandbox.hubspot.limits;

import io.serversidesync.sandbox.faults.RateLimitPolicy;
import java.util.Optional;

/**
 * What the limits say about one counted call.
 *
 * @param exceeded the policy the call breaks, empty when it may proceed
 * @param state the limits after counting it, for the response headers
 */
public record RateLimitVerdict(Optional<RateLimitPolicy> exceeded, RateLimitState state) {}
