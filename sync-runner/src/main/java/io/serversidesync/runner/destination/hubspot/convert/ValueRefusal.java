package io.serversidesync.runner.destination.hubspot.convert;

/**
 * A value that cannot become its property's value; the record goes to the errors table with this
 * code and message, and the rest of the batch goes on.
 *
 * @param code e.g. STRING_TOO_LONG, INVALID_NUMBER, INVALID_OPTION
 * @param message what is wrong and what to do
 */
public record ValueRefusal(String code, String message) {}
