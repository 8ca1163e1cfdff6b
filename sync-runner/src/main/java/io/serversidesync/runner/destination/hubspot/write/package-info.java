/**
 * Batch writes: upserts by the unique property, and deletes as a batch read of the record ids
 * followed by a batch archive.
 */
package io.serversidesync.runner.destination.hubspot.write;
