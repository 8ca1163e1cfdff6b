/**
 * Lookups set by the parent's own external id: the mapping's reference checked against describe and
 * its wire forms (nested JSON object, Bulk CSV header, SOQL path). Salesforce's "parent not found"
 * answer is read in {@code api.MissingParentError}.
 */
package io.serversidesync.runner.destination.salesforce.parent;
