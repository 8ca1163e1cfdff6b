/**
 * The destination SPI: what the runner needs from a SaaS system, whatever its protocol.
 *
 * <p>The runner hands a {@link io.serversidesync.runner.destination.Destination} batches of
 * coalesced records keyed by the external id and gets one {@link
 * io.serversidesync.runner.destination.RecordOutcome} per record back. Protocol details (OAuth,
 * sObject Collections, Bulk API 2.0, HubSpot batch APIs) live in implementations in sub-packages
 * and never leak into the rest of the runner.
 */
package io.serversidesync.runner.destination;
