package io.serversidesync.runner.destination.salesforce.parent;

/**
 * A lookup set by the parent's external id, as it goes on the wire: in JSON a nested object under
 * the relationship name ({@code "Account": {"Account_Ref__c": "A-17"}}, with {@code
 * attributes.type} for a polymorphic lookup), in Bulk CSV a cell under {@link
 * ParentField#bulkHeader()}.
 *
 * @param field the lookup
 * @param key the parent's external id, converted for the parent's field (String, Long, BigDecimal)
 */
public record ParentValue(ParentField field, Object key) {}
