/**
 * Finds Salesforce record ids by external id with one SOQL query per up to 200 keys, for the delete
 * paths that take ids only (collections delete, Bulk API 2.0 delete).
 */
package io.serversidesync.runner.destination.salesforce.lookup;
