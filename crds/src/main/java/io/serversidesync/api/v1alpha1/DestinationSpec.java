package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The destination system, object and external-id field. */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.salesforce) ? 1 : 0) + (has(self.hubspot) ? 1 : 0) == 1",
    message = "exactly one of spec.destination.salesforce or spec.destination.hubspot must be set",
    reason = "FieldValueInvalid")
public class DestinationSpec {

  @JsonPropertyDescription("Salesforce org to write to. Set exactly one destination kind.")
  private SalesforceDestinationSpec salesforce;

  @JsonPropertyDescription(
      "HubSpot account to write to, with a private app's access token (docs/hubspot.md). Set"
          + " exactly one destination kind.")
  private HubSpotDestinationSpec hubspot;

  @Required
  @Pattern(Identifiers.FIELD_PATTERN)
  @JsonPropertyDescription(
      "API name of the destination object: for Salesforce e.g. Contact or Account, for HubSpot"
          + " the object type, e.g. contacts or companies.")
  private String object;

  @Required
  @Pattern(Identifiers.FIELD_PATTERN)
  @JsonPropertyDescription(
      "API name of the destination's unique field that holds the upsert key: for Salesforce an"
          + " External ID field, e.g. Customer_Ref__c; for HubSpot a property with unique values,"
          + " e.g. customer_ref. Records are upserted by this field, never by the native id.")
  private String externalIdField;
}
