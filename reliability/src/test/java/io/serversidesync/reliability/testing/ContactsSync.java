package io.serversidesync.reliability.testing;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.sandbox.Sandbox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The example's shape (examples/contacts-salesforce.yaml) in a test: a contacts-like table synced
 * to the sandbox's Contact by Customer_Ref__c.
 */
public final class ContactsSync {

  public static final List<String> COLUMNS =
      List.of("customer_ref", "first_name", "last_name", "email", "phone");

  private ContactsSync() {}

  /**
   * DDL of a contacts-like table. It has the example's account_ref column (unmapped here) because
   * docs/security.md's grants, which MinimalGrantsIT runs as written, publish it.
   */
  public static String ddl(String table) {
    return "CREATE TABLE public."
        + table
        + " (customer_ref text PRIMARY KEY, first_name text, last_name text, email text,"
        + " phone text, account_ref text)";
  }

  /** A manifest syncing {@code table} to Contact, deletes included. */
  public static SyncManifest manifest(
      String sync, PostgresDatabase db, String table, String loginUrl) {
    return new SyncManifest(sync)
        .postgres(db.host(), db.port(), db.name())
        .table("public." + table, "customer_ref")
        .salesforce(loginUrl, AuthFlow.ClientCredentials, "Contact", "Customer_Ref__c")
        .map("customer_ref", "Customer_Ref__c")
        .map("first_name", "FirstName")
        .map("last_name", "LastName")
        .map("email", "Email")
        .map("phone", "Phone")
        .deletes(DeletePolicy.Delete)
        .batching(b -> b.setMaxDelay("200ms"));
  }

  /** Inserts rows k{from}..k{to} of a contacts-like table. */
  public static String insert(String table, String prefix, int from, int to) {
    return "INSERT INTO public."
        + table
        + " SELECT '"
        + prefix
        + "' || i, 'First' || i, 'Last' || i, 'p' || i || '@example.com', '+1 555 ' || i"
        + " FROM generate_series("
        + from
        + ", "
        + to
        + ") i";
  }

  /** The table's rows as customer_ref → "last_name|email". */
  public static Map<String, String> rows(PostgresDatabase db, String table) {
    Map<String, String> rows = new HashMap<>();
    for (Map<String, Object> row :
        db.query("SELECT customer_ref, last_name, email FROM public." + table)) {
      rows.put((String) row.get("customer_ref"), row.get("last_name") + "|" + row.get("email"));
    }
    return rows;
  }

  /** The sandbox's Contacts whose key starts with {@code prefix}, in the same form. */
  public static Map<String, String> records(Sandbox sandbox, String prefix) {
    Map<String, String> records = new HashMap<>();
    for (Map<String, Object> r : sandbox.records("Contact")) {
      String ref = (String) r.get("Customer_Ref__c");
      if (ref != null && ref.startsWith(prefix)) {
        records.put(ref, r.get("LastName") + "|" + r.get("Email"));
      }
    }
    return records;
  }
}
