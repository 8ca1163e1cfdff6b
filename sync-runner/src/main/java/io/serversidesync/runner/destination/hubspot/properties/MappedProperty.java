package io.serversidesync.runner.destination.hubspot.properties;

/**
 * One property the manifest maps.
 *
 * @param specPath where the manifest names it, e.g. spec.mapping[2].field
 * @param name the property's internal name
 */
public record MappedProperty(String specPath, String name) {}
