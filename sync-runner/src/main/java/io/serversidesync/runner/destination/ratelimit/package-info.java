/**
 * Keeps every destination HTTP request within the sync's limits: requests per second (token
 * bucket), requests in flight, the sync's share of the org's rolling daily allocation (kept current
 * from what the destination reports) and the pauses the destination asks for. Callers wait instead
 * of failing, so nothing is dropped; waits longer than normal pacing are reported as throttling.
 */
package io.serversidesync.runner.destination.ratelimit;
