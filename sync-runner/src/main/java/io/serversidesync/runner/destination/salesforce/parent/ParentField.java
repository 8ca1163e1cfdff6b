package io.serversidesync.runner.destination.salesforce.parent;

import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;

/**
 * A lookup field set by the parent's external id, checked against describe. Salesforce addresses it
 * by its relationship name (AccountId → Account, Parent__c → Parent__r), never by the field name,
 * which only takes a record id; only clearing it goes through the field name.
 *
 * @param field the lookup field, e.g. AccountId
 * @param relationshipName e.g. Account
 * @param parentObject the parent type as Salesforce spells it, e.g. Account
 * @param parentKey the parent's external-id field, for its name and the conversion of values
 * @param polymorphic whether the lookup may point to several types, so each value names its type
 */
public record ParentField(
    String field,
    String relationshipName,
    String parentObject,
    FieldDescription parentKey,
    boolean polymorphic) {

  /** The Bulk API 2.0 CSV header: Account.Account_Ref__c, or Contact:Who.Customer_Ref__c. */
  public String bulkHeader() {
    String path = relationshipName + "." + parentKey.name();
    return polymorphic ? parentObject + ":" + path : path;
  }

  /** The SOQL path that reads the parent's external id: Account.Account_Ref__c. */
  public String soqlPath() {
    return relationshipName + "." + parentKey.name();
  }

  /** The wire value that sets the lookup to the parent whose external id is {@code key}. */
  public ParentValue value(Object key) {
    return new ParentValue(this, key);
  }
}
