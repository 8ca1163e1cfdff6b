/**
 * HubSpot CRM v3 as a destination: batch upsert by a unique property (the customer-managed
 * identifier), deletes by batch read and archive, the properties API for the preflight, and search
 * on the last-modified property for two-way sync. Facts from shared/destination-apis.md, "HubSpot —
 * CRM v3"; the choices made where it says "unverified" are in docs/hubspot.md.
 */
package io.serversidesync.runner.destination.hubspot;
