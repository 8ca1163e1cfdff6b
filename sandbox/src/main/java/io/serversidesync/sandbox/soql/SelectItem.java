package io.serversidesync.sandbox.soql;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.ObjectDef;

/** One item of a SELECT list. */
public sealed interface SelectItem {
  /** A field of the queried object: {@code AccountId}. */
  record Column(FieldDef field) implements SelectItem {}

  /**
   * A field of the parent a lookup points to: {@code Account.Account_Ref__c}.
   *
   * @param lookup the queried object's lookup (AccountId)
   * @param parent the object it points to
   * @param field the parent's field
   */
  record ParentColumn(FieldDef lookup, ObjectDef parent, FieldDef field) implements SelectItem {
    /** The key the parent is rendered under: the lookup's relationship name. */
    public String relationshipName() {
      return lookup.relationshipName().orElseThrow();
    }
  }
}
