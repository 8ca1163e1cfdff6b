package io.serversidesync.sandbox.soql;

/** Salesforce's query error messages: the statement, a caret under the column, the reason. */
final class Errors {
  private Errors() {}

  static SoqlException malformed(String soql, int column, String reason) {
    return new SoqlException("MALFORMED_QUERY", located(soql, column, reason));
  }

  static SoqlException invalidField(String soql, int column, String field, String object) {
    return new SoqlException(
        "INVALID_FIELD",
        located(
            soql,
            column,
            "No such column '"
                + field
                + "' on entity '"
                + object
                + "'. If you are attempting to use a custom field, be sure to append the '__c'"
                + " after the custom field name. Please reference your WSDL or the describe call for"
                + " the appropriate names."));
  }

  static SoqlException unknownRelationship(String soql, int column, String relationship) {
    return new SoqlException(
        "INVALID_FIELD",
        located(
            soql,
            column,
            "Didn't understand relationship '"
                + relationship
                + "' in field path. If you are attempting to use a custom relationship, be sure to"
                + " append the '__r' after the custom relationship name. Please reference your"
                + " WSDL or the describe call for the appropriate names."));
  }

  static SoqlException invalidType(String soql, int column, String object) {
    return new SoqlException(
        "INVALID_TYPE",
        located(
            soql,
            column,
            "sObject type '"
                + object
                + "' is not supported. If you are attempting to use a custom object, be sure to"
                + " append the '__c' after the entity name. Please reference your WSDL or the"
                + " describe call for the appropriate names."));
  }

  static SoqlException badValue(String soql, int column, String field, String type) {
    return new SoqlException(
        "INVALID_FIELD",
        located(
            soql,
            column,
            "value of filter criterion for field '"
                + field
                + "' must be of type "
                + type
                + " and should not be enclosed in quotes"));
  }

  private static String located(String soql, int column, String reason) {
    String line = soql.replace('\n', ' ');
    return "\n"
        + line
        + "\n"
        + " ".repeat(Math.max(0, column - 1))
        + "^\nERROR at Row:1:Column:"
        + column
        + "\n"
        + reason;
  }
}
