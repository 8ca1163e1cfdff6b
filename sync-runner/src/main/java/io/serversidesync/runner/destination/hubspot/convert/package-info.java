/** Postgres-typed values into HubSpot property values, by each property's type. */
package io.serversidesync.runner.destination.hubspot.convert;
