package io.serversidesync.runner.config;

/**
 * One mapped column and the destination field it populates.
 *
 * @param column source column
 * @param field destination field API name
 * @param parent set when the field is a lookup the column fills with the parent's external id; null
 *     for a plain field
 */
public record FieldMap(String column, String field, ParentLink parent) {

  public FieldMap(String column, String field) {
    this(column, field, null);
  }
}
