package io.serversidesync.runner.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A mapped column that holds a parent's customer-managed identifier: the destination sets the
 * lookup field by finding the parent through its external-id field.
 *
 * @param object the parent object, e.g. Account (for a polymorphic lookup, the one type meant)
 * @param externalIdField the parent's external-id field, e.g. Account_Ref__c
 * @param waitForParent how long a record whose parent is missing is retried before it is an error
 * @param idColumn two-way: the column that receives the parent's native id, or null
 */
public record ParentLink(
    String object, String externalIdField, Duration waitForParent, String idColumn) {

  public ParentLink {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(externalIdField, "externalIdField");
    Objects.requireNonNull(waitForParent, "waitForParent");
  }

  /** A link without a column for the parent's native id. */
  public ParentLink(String object, String externalIdField, Duration waitForParent) {
    this(object, externalIdField, waitForParent, null);
  }
}
