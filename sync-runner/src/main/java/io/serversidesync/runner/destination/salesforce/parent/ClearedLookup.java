package io.serversidesync.runner.destination.salesforce.parent;

/**
 * A lookup set to no parent (the column is NULL), as it goes on the wire: null under the field name
 * ({@code "AccountId": null}; {@code #N/A} in a Bulk CSV {@code AccountId} column). Nulling through
 * the relationship name is not documented to work, so it is never sent.
 *
 * @param field the lookup
 */
public record ClearedLookup(ParentField field) {}
