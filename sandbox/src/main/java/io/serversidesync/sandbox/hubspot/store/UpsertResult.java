package io.serversidesync.sandbox.hubspot.store;

/** A written record and whether the write created it. */
public record UpsertResult(HubSpotRecord record, boolean created) {}
