package io.serversidesync.sandbox.hubspot.schema;

import static io.serversidesync.sandbox.hubspot.schema.PropertyType.BOOL;
import static io.serversidesync.sandbox.hubspot.schema.PropertyType.DATE;
import static io.serversidesync.sandbox.hubspot.schema.PropertyType.DATETIME;
import static io.serversidesync.sandbox.hubspot.schema.PropertyType.NUMBER;
import static io.serversidesync.sandbox.hubspot.schema.PropertyType.STRING;

import java.util.List;

/** The contract's default objects: {@code contacts} and {@code companies}. */
public final class DefaultHubSpotSchema {
  private DefaultHubSpotSchema() {}

  public static HubSpotSchema create() {
    return new HubSpotSchema(List.of(contacts(), companies()));
  }

  static HubSpotObject contacts() {
    return new HubSpotObject(
        "contacts",
        "0-1",
        "CONTACT",
        "lastmodifieddate",
        List.of(
            PropertyDef.of("email", "Email", STRING),
            PropertyDef.of("firstname", "First Name", STRING),
            PropertyDef.of("lastname", "Last Name", STRING),
            PropertyDef.of("phone", "Phone Number", STRING),
            PropertyDef.of("company", "Company Name", STRING),
            PropertyDef.of("jobtitle", "Job Title", STRING),
            PropertyDef.unique("customer_ref", "Customer Ref"),
            PropertyDef.of("account_ref", "Account Ref", STRING),
            PropertyDef.enumeration(
                "lifecyclestage",
                "Lifecycle Stage",
                List.of(
                    new PropertyOption("Subscriber", "subscriber"),
                    new PropertyOption("Lead", "lead"),
                    new PropertyOption("Customer", "customer"))),
            PropertyDef.of("score", "Score", NUMBER),
            PropertyDef.of("vip", "VIP", BOOL),
            PropertyDef.of("birthdate", "Birthdate", DATE),
            PropertyDef.of("last_seen_at", "Last Seen At", DATETIME),
            PropertyDef.readOnly(HubSpotObject.ID, "Record ID", NUMBER),
            PropertyDef.readOnly(HubSpotObject.CREATED, "Create Date", DATETIME),
            PropertyDef.readOnly("lastmodifieddate", "Last Modified Date", DATETIME)));
  }

  static HubSpotObject companies() {
    return new HubSpotObject(
        "companies",
        "0-2",
        "COMPANY",
        "hs_lastmodifieddate",
        List.of(
            PropertyDef.of("name", "Company name", STRING),
            PropertyDef.of("domain", "Company Domain Name", STRING),
            PropertyDef.unique("company_ref", "Company Ref"),
            PropertyDef.readOnly(HubSpotObject.ID, "Record ID", NUMBER),
            PropertyDef.readOnly(HubSpotObject.CREATED, "Create Date", DATETIME),
            PropertyDef.readOnly("hs_lastmodifieddate", "Last Modified Date", DATETIME)));
  }
}
