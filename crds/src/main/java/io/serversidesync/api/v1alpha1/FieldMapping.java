package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One column and the destination field it populates. */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FieldMapping {

  @Required
  @Pattern(Identifiers.COLUMN_PATTERN)
  @JsonPropertyDescription("Column of the source table.")
  private String column;

  @Required
  @Pattern(Identifiers.FIELD_PATTERN)
  @JsonPropertyDescription("API name of the destination field, e.g. Email or Customer_Ref__c.")
  private String field;

  @JsonPropertyDescription(
      "Set when field is a lookup (e.g. AccountId) and the column holds the parent's own"
          + " external id rather than its record id: the parent object and its External ID field.")
  private ParentReference reference;

  public FieldMapping(String column, String field) {
    this(column, field, null);
  }
}
