package io.serversidesync.sandbox.schema;

import java.util.List;

/**
 * The objects the sandbox declares when no objects.yaml is given: Account, Contact, Lead and Task
 * with the common standard fields as Salesforce defines them (names, labels, types, lengths), one
 * unique external-id field each, and the lookups between them (Contact.AccountId, and Task's
 * polymorphic WhoId to Contact or Lead).
 */
public final class DefaultSchema {
  private DefaultSchema() {}

  public static Schema create() {
    return new Schema(List.of(account(), contact(), lead(), task()));
  }

  public static ObjectDef contact() {
    return new ObjectDef(
        "Contact",
        "Contact",
        "Contacts",
        "003",
        Fields.withSystemFields(
            List.of(
                Fields.reference("AccountId", "Account ID", "Account"),
                Fields.text("FirstName", "First Name", FieldType.STRING, 40),
                Fields.requiredText("LastName", "Last Name", 80),
                Fields.text("Email", "Email", FieldType.EMAIL, 80),
                Fields.text("Phone", "Business Phone", FieldType.PHONE, 40),
                Fields.text("Title", "Title", FieldType.STRING, 128),
                Fields.text("MailingCity", "Mailing City", FieldType.STRING, 40),
                Fields.of("Birthdate", "Birthdate", FieldType.DATE),
                Fields.of("HasOptedOutOfEmail", "Email Opt Out", FieldType.BOOLEAN),
                Fields.externalId("Customer_Ref__c", "Customer Ref", 255))));
  }

  public static ObjectDef account() {
    return new ObjectDef(
        "Account",
        "Account",
        "Accounts",
        "001",
        Fields.withSystemFields(
            List.of(
                Fields.requiredText("Name", "Account Name", 255),
                Fields.text("Phone", "Account Phone", FieldType.PHONE, 40),
                Fields.text("Website", "Website", FieldType.URL, 255),
                Fields.number("AnnualRevenue", "Annual Revenue", FieldType.CURRENCY, 18, 0),
                Fields.number("NumberOfEmployees", "Employees", FieldType.INT, 8, 0),
                Fields.externalId("Account_Ref__c", "Account Ref", 255))));
  }

  /** Salesforce also requires Company on a Lead; the sandbox keeps it optional. */
  public static ObjectDef lead() {
    return new ObjectDef(
        "Lead",
        "Lead",
        "Leads",
        "00Q",
        Fields.withSystemFields(
            List.of(
                Fields.text("FirstName", "First Name", FieldType.STRING, 40),
                Fields.requiredText("LastName", "Last Name", 80),
                Fields.text("Company", "Company", FieldType.STRING, 255),
                Fields.text("Email", "Email", FieldType.EMAIL, 80),
                Fields.externalId("Lead_Ref__c", "Lead Ref", 255))));
  }

  /**
   * WhoId points to a Contact or a Lead, so it is polymorphic. In an org WhatId points to many
   * objects; here it points to Account only and is therefore not polymorphic.
   */
  public static ObjectDef task() {
    return new ObjectDef(
        "Task",
        "Task",
        "Tasks",
        "00T",
        Fields.withSystemFields(
            List.of(
                Fields.text("Subject", "Subject", FieldType.STRING, 255),
                Fields.text("Status", "Status", FieldType.PICKLIST, 40),
                Fields.reference("WhoId", "Name ID", "Contact", "Lead"),
                Fields.reference("WhatId", "Related To ID", "Account"),
                Fields.externalId("Task_Ref__c", "Task Ref", 255))));
  }
}
