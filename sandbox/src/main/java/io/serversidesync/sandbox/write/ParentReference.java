package io.serversidesync.sandbox.write;

import io.serversidesync.sandbox.schema.FieldDef;
import java.util.List;
import java.util.Optional;

/**
 * A lookup set by the parent's external id, as a request named it: in JSON a nested object under
 * the relationship name ({@code "Account": {"Account_Ref__c": "A-17"}}), in Bulk CSV a cell under a
 * {@code [Type:]Relationship.Field} column. Whether it is well formed and which record it names is
 * decided when it is written, with the other checks of its record.
 *
 * @param lookup the lookup field that receives the parent's id (AccountId)
 * @param type the parent type the request named ({@code attributes.type}, or the CSV prefix)
 * @param keyFields the fields the nested object names besides {@code attributes}; exactly one when
 *     well formed
 * @param keyText the parent's key as text; null when the request sent null
 * @param nested false when the request put a plain value under the relationship name
 */
public record ParentReference(
    FieldDef lookup,
    Optional<String> type,
    List<String> keyFields,
    String keyText,
    boolean nested) {
  public ParentReference {
    keyFields = List.copyOf(keyFields);
  }

  public static ParentReference nested(
      FieldDef lookup, Optional<String> type, List<String> keyFields, String keyText) {
    return new ParentReference(lookup, type, keyFields, keyText, true);
  }

  /** A plain value under the relationship name: never resolvable. */
  public static ParentReference scalar(FieldDef lookup) {
    return new ParentReference(lookup, Optional.empty(), List.of(), null, false);
  }

  /** The name the request used: Account, Who, Parent__r. */
  public String relationshipName() {
    return lookup.relationshipName().orElse(lookup.name());
  }
}
