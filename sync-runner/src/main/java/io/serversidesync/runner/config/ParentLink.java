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
 */
public record ParentLink(String object, String externalIdField, Duration waitForParent) {

  public ParentLink {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(externalIdField, "externalIdField");
    Objects.requireNonNull(waitForParent, "waitForParent");
  }
}
