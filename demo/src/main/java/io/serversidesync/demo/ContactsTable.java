package io.serversidesync.demo;

import io.serversidesync.harness.postgres.PostgresDatabase;

/** The application's table: contacts upserted by the customer-managed identifier. */
final class ContactsTable {

  static final String DDL =
      """
      CREATE TABLE public.contacts (
        customer_ref text PRIMARY KEY,
        first_name   text,
        last_name    text NOT NULL,
        email        text,
        phone        text,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )""";

  private ContactsTable() {}

  static void create(PostgresDatabase db) {
    db.execute(DDL);
  }
}
