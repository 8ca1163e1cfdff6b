package io.serversidesync.runner.bench;

import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.sandbox.Sandbox;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Every contact's AccountId in the sandbox is the Id of the Account its account_ref names. */
final class LookupCheck {

  private LookupCheck() {}

  /**
   * @return how many contacts name an account
   * @throws BenchFailure naming the first differences
   */
  static long verify(PostgresDatabase db, Sandbox sandbox) {
    Map<Object, Object> accountIds = new HashMap<>();
    for (Map<String, Object> a : sandbox.records("Account")) {
      accountIds.put(a.get("Account_Ref__c"), a.get("Id"));
    }
    Map<Object, Object> contactAccounts = new HashMap<>();
    for (Map<String, Object> c : sandbox.records("Contact")) {
      contactAccounts.put(c.get("Customer_Ref__c"), c.get("AccountId"));
    }
    long named = 0;
    int bad = 0;
    StringBuilder problems = new StringBuilder();
    for (Map<String, Object> row :
        db.query("SELECT customer_ref, account_ref FROM public.contacts")) {
      Object accountRef = row.get("account_ref");
      Object expected = accountRef == null ? null : accountIds.get(accountRef);
      Object actual = contactAccounts.get(row.get("customer_ref"));
      if (accountRef != null) {
        named++;
      }
      if ((accountRef != null && expected == null) || !Objects.equals(expected, actual)) {
        if (++bad <= 5) {
          problems.append(
              String.format(
                  "%n  %s: account_ref %s (Account %s), AccountId %s in the sandbox",
                  row.get("customer_ref"), accountRef, expected, actual));
        }
      }
    }
    if (bad > 0) {
      throw new BenchFailure(bad + " contacts point to the wrong Account:" + problems);
    }
    return named;
  }
}
