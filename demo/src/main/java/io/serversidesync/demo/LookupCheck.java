package io.serversidesync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.salesforce.SalesforceRest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every contact's Account in Salesforce is the account its account_ref names: the Contact's
 * AccountId is the Id of the Account whose Account_Ref__c is that value (none when it is NULL).
 *
 * @param contacts rows checked
 * @param matched rows whose Contact points to the right Account
 * @param examples a few mismatches, for the summary
 */
record LookupCheck(long contacts, long matched, List<String> examples) {

  boolean passed() {
    return contacts > 0 && matched == contacts;
  }

  static LookupCheck run(PostgresDatabase db, SalesforceRest salesforce) {
    Map<String, JsonNode> accounts =
        salesforce.recordsByExternalId(
            "Account", "Account_Ref__c", List.of("Id", "Account_Ref__c"));
    Map<String, JsonNode> contacts =
        salesforce.recordsByExternalId(
            "Contact", "Customer_Ref__c", List.of("Customer_Ref__c", "AccountId"));
    long checked = 0;
    long matched = 0;
    List<String> examples = new ArrayList<>();
    for (Map<String, Object> row :
        db.query("SELECT customer_ref, account_ref FROM public.contacts")) {
      checked++;
      String ref = (String) row.get("customer_ref");
      String accountRef = (String) row.get("account_ref");
      JsonNode account = accountRef == null ? null : accounts.get(accountRef);
      String expected = account == null ? null : account.path("Id").asText();
      JsonNode contact = contacts.get(ref);
      String actual =
          contact == null || contact.path("AccountId").isNull()
              ? null
              : contact.path("AccountId").asText(null);
      if (contact != null && (accountRef == null || expected != null) && eq(expected, actual)) {
        matched++;
      } else if (examples.size() < 5) {
        examples.add(
            ref
                + ": account_ref "
                + accountRef
                + " (Account "
                + expected
                + "), Salesforce AccountId "
                + actual
                + (contact == null ? " (no Contact)" : ""));
      }
    }
    return new LookupCheck(checked, matched, examples);
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }
}
