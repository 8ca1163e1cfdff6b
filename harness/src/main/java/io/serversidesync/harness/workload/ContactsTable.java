package io.serversidesync.harness.workload;

import io.serversidesync.harness.postgres.PostgresDatabase;

/**
 * The application's table of the demo and the benchmarks: contacts upserted by the customer-managed
 * identifier, each naming its account by the account's own identifier ({@code account_ref}, NULL
 * when it has none); {@code title} is mapped only by the latency benchmark.
 */
public final class ContactsTable {

  public static final String DDL =
      """
      CREATE TABLE public.contacts (
        customer_ref text PRIMARY KEY,
        first_name   text,
        last_name    text NOT NULL,
        email        text,
        phone        text,
        account_ref  text,
        title        text,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )""";

  private ContactsTable() {}

  public static void create(PostgresDatabase db) {
    db.execute(DDL);
  }
}
