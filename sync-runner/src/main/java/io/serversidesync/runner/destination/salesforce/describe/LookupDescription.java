package io.serversidesync.runner.destination.salesforce.describe;

import java.util.List;

/**
 * What describe says about a reference (lookup) field.
 *
 * @param referenceTo the objects it may point to (more than one: polymorphic)
 * @param relationshipName the name a write uses to set it by the parent's external id (AccountId →
 *     Account, Parent__c → Parent__r); null when it cannot be set that way
 * @param polymorphic whether it may point to several object types (WhoId, WhatId, OwnerId)
 */
public record LookupDescription(
    List<String> referenceTo, String relationshipName, boolean polymorphic) {

  public LookupDescription {
    referenceTo = List.copyOf(referenceTo);
  }

  /** The target as Salesforce spells it when {@code object} is one of them, ignoring case. */
  public java.util.Optional<String> target(String object) {
    return referenceTo.stream().filter(t -> t.equalsIgnoreCase(object)).findFirst();
  }
}
