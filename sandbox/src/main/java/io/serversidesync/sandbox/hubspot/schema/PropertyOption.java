package io.serversidesync.sandbox.hubspot.schema;

/** One allowed value of an enumeration property. */
public record PropertyOption(String label, String value) {}
