package io.serversidesync.runner.deliver;

/**
 * What one delivered cut amounted to.
 *
 * @param written records the destination acknowledged
 * @param errors entries recorded in the errors table
 */
public record DeliveryReport(long written, long errors) {}
