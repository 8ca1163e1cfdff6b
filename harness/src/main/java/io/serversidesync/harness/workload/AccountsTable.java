package io.serversidesync.harness.workload;

import io.serversidesync.harness.postgres.PostgresDatabase;

/**
 * The accounts of the demo and the benchmarks: the parents {@link ContactsTable} rows name by
 * {@code account_ref}, synced by a resource of their own (examples/accounts-salesforce.yaml).
 */
public final class AccountsTable {

  public static final String DDL =
      """
      CREATE TABLE public.accounts (
        account_ref text PRIMARY KEY,
        name        text NOT NULL,
        website     text,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )""";

  private AccountsTable() {}

  public static void create(PostgresDatabase db) {
    db.execute(DDL);
  }

  public static String key(int i) {
    return String.format("A-%04d", i);
  }

  /** Inserts accounts 0 to {@code count - 1} in one transaction. */
  public static void insert(PostgresDatabase db, int count) {
    db.execute(
        "INSERT INTO public.accounts (account_ref, name, website) SELECT format('A-%s',"
            + " lpad(i::text, 4, '0')), 'Account ' || i, 'https://a' || i || '.example.com'"
            + " FROM generate_series(0, "
            + (count - 1)
            + ") i");
  }
}
