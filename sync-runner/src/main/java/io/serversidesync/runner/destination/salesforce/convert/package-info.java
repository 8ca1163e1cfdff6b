/**
 * Turns the runner's typed values ({@link io.serversidesync.runner.destination.DestinationRecord})
 * into what a Salesforce field of the described type accepts, for JSON (sObject Collections) and
 * CSV (Bulk API 2.0). A value the field cannot take fails its own record, never the request.
 */
package io.serversidesync.runner.destination.salesforce.convert;
