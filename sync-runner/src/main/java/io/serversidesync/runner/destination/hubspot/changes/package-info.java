/**
 * Reading changes back from HubSpot for two-way sync: search on the last-modified property, paged
 * by position (time, then hs_object_id) rather than by offset, paced to HubSpot's 5 searches per
 * second; values decoded by the property's type. Deletions are not read back.
 */
package io.serversidesync.runner.destination.hubspot.changes;
