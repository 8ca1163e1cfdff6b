/**
 * Reading changes back from Salesforce for two-way sync: SOQL on SystemModstamp with an Id
 * tie-breaker and nextRecordsUrl paging, and the sObject deleted resource for deletions.
 */
package io.serversidesync.runner.destination.salesforce.changes;
