/**
 * The metered transport under every Salesforce request: the shared rate limiter, telemetry of each
 * API call, the {@code Sforce-Limit-Info} usage figures, and the mapping of network errors, 5xx and
 * rate-limit answers to {@link io.serversidesync.runner.destination.DestinationException} kinds. It
 * knows nothing about tokens or resources.
 */
package io.serversidesync.runner.destination.salesforce.http;
