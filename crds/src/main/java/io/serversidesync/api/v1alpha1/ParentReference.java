package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * A lookup field set by the parent's own customer-managed identifier: the column holds the parent's
 * external id (e.g. 'A-17'), never the destination's record id.
 */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ParentReference {

  public static final String DEFAULT_WAIT_FOR_PARENT = "10m";

  @Required
  @Pattern(Identifiers.FIELD_PATTERN)
  @JsonPropertyDescription(
      "The parent object, e.g. Account. For a polymorphic lookup (WhoId, WhatId, OwnerId) the one"
          + " type this column's values belong to, e.g. Contact.")
  private String object;

  @Required
  @Pattern(Identifiers.FIELD_PATTERN)
  @JsonPropertyDescription(
      "The parent's External ID field that holds this column's values, e.g. Account_Ref__c.")
  private String externalIdField;

  @Default(DEFAULT_WAIT_FOR_PARENT)
  @Pattern(Identifiers.DURATION_PATTERN)
  @JsonPropertyDescription(
      "How long a row whose parent does not exist in the destination yet is tried again"
          + " (with backoff, counted from its first failure, without holding back other rows),"
          + " e.g. 10m. Meanwhile it waits in the errors table with a scheduled retry_at; after"
          + " the window it stays there for `errors replay`. Covers a parent synced by another"
          + " resource that has not arrived yet.")
  private String waitForParent = DEFAULT_WAIT_FOR_PARENT;

  @Pattern(Identifiers.COLUMN_PATTERN)
  @JsonPropertyDescription(
      "Two-way only: a column of its own that receives the parent's native record id (e.g."
          + " account_salesforce_id) whenever the reverse direction reads the record.")
  private String idColumn;

  public ParentReference(String object, String externalIdField) {
    this(object, externalIdField, DEFAULT_WAIT_FOR_PARENT, null);
  }
}
