package io.serversidesync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.harness.hubspot.HubSpotRecords;
import io.serversidesync.harness.salesforce.SalesforceRest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The destination's side of the demo's two-way act: its records' native ids by customer_ref, and
 * the edit a person makes there.
 */
interface TwoWaySide {

  /** The destination's name as the demo prints it: Salesforce, HubSpot. */
  String name();

  /** The records' type as the demo prints it: Contact, contact. */
  String object();

  /** The column of public.contacts that the act adds for the native ids (destinationIdColumn). */
  String idColumn();

  /** What the native id is called: Id, record id. */
  String idName();

  /** Every record's native id by its customer_ref. */
  Map<String, String> idsByKey();

  /**
   * Sets the email of the record {@code id} (customer_ref {@code ref}) as a user of the destination
   * would; returns the call, as the demo prints it.
   */
  String editEmail(String ref, String id, String email);

  /** Salesforce, through its REST API. */
  static TwoWaySide salesforce(SalesforceRest rest) {
    return new TwoWaySide() {
      @Override
      public String name() {
        return "Salesforce";
      }

      @Override
      public String object() {
        return "Contact";
      }

      @Override
      public String idColumn() {
        return "salesforce_id";
      }

      @Override
      public String idName() {
        return "Id";
      }

      @Override
      public Map<String, String> idsByKey() {
        Map<String, String> ids = new HashMap<>();
        Map<String, JsonNode> records =
            rest.recordsByExternalId(
                "Contact", "Customer_Ref__c", List.of("Id", "Customer_Ref__c", "Email"));
        records.forEach((ref, record) -> ids.put(ref, record.path("Id").asText()));
        return ids;
      }

      @Override
      public String editEmail(String ref, String id, String email) {
        rest.update("Contact", id, Map.of("Email", email));
        return "PATCH /services/data/v64.0/sobjects/Contact/"
            + id
            + " {\"Email\": \""
            + email
            + "\"}";
      }
    };
  }

  /** HubSpot contacts, edited through the sandbox's side door as a HubSpot user would. */
  static TwoWaySide hubSpot(HubSpotRecords hubspot) {
    return new TwoWaySide() {
      @Override
      public String name() {
        return "HubSpot";
      }

      @Override
      public String object() {
        return "contact";
      }

      @Override
      public String idColumn() {
        return "hubspot_id";
      }

      @Override
      public String idName() {
        return "record id";
      }

      @Override
      public Map<String, String> idsByKey() {
        Map<String, String> ids = new HashMap<>();
        hubspot
            .byProperty(HubSpotDemo.OBJECT, HubSpotDemo.UNIQUE_PROPERTY)
            .byKey()
            .forEach((ref, record) -> ids.put(ref, String.valueOf(record.get("hs_object_id"))));
        return ids;
      }

      @Override
      public String editEmail(String ref, String id, String email) {
        hubspot.edit(HubSpotDemo.OBJECT, HubSpotDemo.UNIQUE_PROPERTY, ref, Map.of("email", email));
        return "the sandbox's user edit of contact "
            + id
            + " (POST /__sandbox/hubspot/records/contacts {\"properties\": {\"email\": \""
            + email
            + "\"}})";
      }
    };
  }
}
