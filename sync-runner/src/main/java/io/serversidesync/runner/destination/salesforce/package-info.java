/**
 * The Salesforce destination: OAuth 2.0, upserts by external id through sObject Collections or Bulk
 * API 2.0 (the planner chooses by the {@link io.serversidesync.runner.destination.DeliveryPath}
 * cost models given here), deletes by external id, preflight with describe, value conversion, all
 * under the sync's shared rate limiter.
 *
 * <p>Sub-packages, in the order a request passes them: {@code describe} and {@code convert} (what
 * the org accepts), {@code collections}, {@code bulk} and {@code lookup} (the resources), {@code
 * api} (authenticated calls, record error codes), {@code auth} (tokens) and {@code http} (the
 * metered transport).
 */
package io.serversidesync.runner.destination.salesforce;
