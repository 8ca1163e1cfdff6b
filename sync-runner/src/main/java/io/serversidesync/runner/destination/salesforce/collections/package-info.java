/**
 * sObject Collections: upserts by external id, up to 200 records per API call with {@code
 * allOrNone=false}, and deletes (by Salesforce id in collections, or one record by external id). A
 * request Salesforce rejects as a whole because of one record's value is split until that record is
 * isolated, so the others are still written.
 */
package io.serversidesync.runner.destination.salesforce.collections;
