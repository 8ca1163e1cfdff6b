package io.serversidesync.runner.destination.salesforce.describe;

/**
 * A mapping entry's reference as the manifest gives it.
 *
 * @param specPath e.g. spec.mapping[4].reference
 * @param object the parent object, e.g. Account
 * @param externalIdField the parent's external-id field, e.g. Account_Ref__c
 */
public record ParentRef(String specPath, String object, String externalIdField) {}
