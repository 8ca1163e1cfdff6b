package io.serversidesync.sandbox.bulk;

import io.serversidesync.sandbox.schema.FieldDef;

/** What one column of an uploaded CSV writes, as its header named it. */
sealed interface CsvColumn {
  /** A field of the job's object: {@code LastName}, {@code AccountId}. */
  record Field(FieldDef field) implements CsvColumn {}

  /**
   * A lookup set by the parent's key: {@code Account.Account_Ref__c}, {@code
   * Contact:Who.Customer_Ref__c}.
   *
   * @param lookup the lookup field that receives the parent's id
   * @param parentObject the parent's object (the one target, or the type the header put first)
   * @param keyField the parent's external-id or idLookup field
   */
  record Parent(FieldDef lookup, String parentObject, FieldDef keyField) implements CsvColumn {}

  /** Whether this column is the given field of the job's object. */
  default boolean is(FieldDef f) {
    return this instanceof Field c && c.field().equals(f);
  }
}
