package io.serversidesync.runner.config;

/**
 * One mapped column and the destination field it populates.
 *
 * @param column source column
 * @param field destination field API name
 */
public record FieldMap(String column, String field) {}
