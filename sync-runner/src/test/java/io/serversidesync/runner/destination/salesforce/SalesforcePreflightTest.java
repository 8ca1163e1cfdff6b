package io.serversidesync.runner.destination.salesforce;

import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.DATA;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SalesforcePreflightTest {

  private final SalesforceFixture sf;

  SalesforcePreflightTest() throws Exception {
    sf = new SalesforceFixture();
  }

  @AfterEach
  void stop() throws Exception {
    sf.close();
  }

  private void mapping(String externalIdField, String... fields) {
    List<MappedField> mapped =
        java.util.stream.IntStream.range(0, fields.length)
            .mapToObj(i -> new MappedField("spec.mapping[" + i + "].field", fields[i]))
            .toList();
    SalesforceSettings s = sf.settings;
    sf.settings = s.toBuilder().externalIdField(externalIdField).mapping(mapped).build();
  }

  private DestinationException preflightFails(List<String> fields) throws Exception {
    SalesforceDestination destination = sf.destination();
    try {
      destination.preflight(fields);
    } catch (DestinationException e) {
      return e;
    }
    throw new AssertionError("preflight passed");
  }

  @Test
  void aValidMappingPassesWithOneDescribeCall() throws Exception {
    sf.destination().preflight(List.of("Customer_Ref__c", "LastName", "Email"));
    assertThat(sf.telemetry.calls()).containsExactly("oauth-token 200", "describe 200");
  }

  /** A version the org does not offer would make every call 404; it is named at start. */
  @Test
  void anApiVersionTheOrgDoesNotOfferIsNamedBeforeAnyDataCall() throws Exception {
    sf.settings = SalesforceAuthTest.withApiVersion(sf.settings, "66.0");
    assertThatThrownBy(() -> sf.destination().preflight(List.of("Customer_Ref__c")))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
              assertThat(e.reason()).isEqualTo("ApiVersionNotOffered");
            })
        .hasMessage(
            "spec.destination.salesforce.apiVersion 66.0 is not offered by this org (it offers"
                + " 64.0 to 65.0); choose one it offers, e.g. 65.0");
    assertThat(sf.routes.requests("GET", DATA + "/sobjects/Contact/describe")).isEmpty();
  }

  @Test
  void anUnknownFieldIsNamedByItsPlaceInTheMapping() throws Exception {
    mapping("Customer_Ref__c", "Customer_Ref__c", "FirstName", "LastName", "Emial");
    DestinationException e =
        preflightFails(List.of("Customer_Ref__c", "FirstName", "LastName", "Emial"));
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .isEqualTo(
            "spec.mapping[3].field: Salesforce object Contact has no field Emial (did you mean"
                + " Email?)");
  }

  @Test
  void fieldNamesAreCaseInsensitiveLikeSalesforce() throws Exception {
    mapping("customer_ref__c", "customer_ref__c", "lastname");
    sf.destination().preflight(List.of("customer_ref__c", "lastname"));
  }

  @Test
  void anUnknownObjectIsNamed() throws Exception {
    sf.routes.on(
        "GET",
        DATA + "/sobjects/Contact/describe",
        r ->
            json(
                404,
                "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not"
                    + " exist\"}]"));
    DestinationException e = preflightFails(List.of("Customer_Ref__c"));
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .startsWith("spec.destination.object: Salesforce has no object Contact")
        .contains("NOT_FOUND");
  }

  @Test
  void theKeyMustBeAUniqueExternalId() throws Exception {
    mapping("Email", "Email");
    assertThat(preflightFails(List.of("Email")).getMessage())
        .isEqualTo(
            "spec.destination.externalIdField: Contact.Email is not an External ID field; in"
                + " Setup mark it External ID and Unique");
    mapping("Legacy_Code__c", "Legacy_Code__c");
    assertThat(preflightFails(List.of("Legacy_Code__c")).getMessage())
        .contains("is an External ID but not Unique");
    mapping("Missing__c", "Missing__c");
    assertThat(preflightFails(List.of("Missing__c")).getMessage())
        .isEqualTo(
            "spec.destination.externalIdField: Salesforce object Contact has no field Missing__c");
  }

  @Test
  void fieldsTheUserCannotWriteAreRefusedAndEveryProblemIsListed() throws Exception {
    mapping("Customer_Ref__c", "Customer_Ref__c", "Name", "Nope__c");
    DestinationException e = preflightFails(List.of("Customer_Ref__c", "Name", "Nope__c"));
    assertThat(e.getMessage())
        .contains("spec.mapping[1].field: the integration user cannot set Contact.Name")
        .contains("spec.mapping[2].field: Salesforce object Contact has no field Nope__c");
  }
}
