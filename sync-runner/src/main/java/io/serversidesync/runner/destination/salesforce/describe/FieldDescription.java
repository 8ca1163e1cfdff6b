package io.serversidesync.runner.destination.salesforce.describe;

/**
 * One field of a describe response (the properties the sync relies on).
 *
 * @param name API name
 * @param label UI label (Salesforce uses it in error messages)
 * @param type Salesforce field type in lower case: string, email, boolean, double, date, datetime …
 * @param length maximum length of text fields, 0 otherwise
 * @param nillable whether the field may be null
 * @param createable whether the integration user may set it on insert
 * @param updateable whether the integration user may set it on update
 * @param externalId whether it is an External ID field
 * @param unique whether its values are unique
 * @param idLookup whether records can be found by it (external ids and a few standard fields)
 * @param lookup for a reference field, what it points to; null for other fields
 * @param caseSensitive whether a unique field tells values apart by letter case (an External ID
 *     matches case-insensitively unless created "case sensitive")
 */
public record FieldDescription(
    String name,
    String label,
    String type,
    int length,
    boolean nillable,
    boolean createable,
    boolean updateable,
    boolean externalId,
    boolean unique,
    boolean idLookup,
    LookupDescription lookup,
    boolean caseSensitive) {

  /** A field whose values are compared ignoring case (Salesforce's default for unique fields). */
  public FieldDescription(
      String name,
      String label,
      String type,
      int length,
      boolean nillable,
      boolean createable,
      boolean updateable,
      boolean externalId,
      boolean unique,
      boolean idLookup,
      LookupDescription lookup) {
    this(
        name,
        label,
        type,
        length,
        nillable,
        createable,
        updateable,
        externalId,
        unique,
        idLookup,
        lookup,
        false);
  }

  /** A field as the converter assumes it when the describe does not list it: any text. */
  public static FieldDescription unknown(String name) {
    return new FieldDescription(
        name, name, "anytype", 0, true, true, true, false, false, false, null);
  }

  /** Whether SOQL compares it as a number (numeric External ID fields). */
  public boolean numeric() {
    return switch (type) {
      case "double", "int", "long", "currency", "percent" -> true;
      default -> false;
    };
  }
}
