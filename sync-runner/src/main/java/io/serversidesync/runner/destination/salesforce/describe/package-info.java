/**
 * What the org says about the destination object (the describe call) and the preflight check of the
 * sync's mapping against it, with errors that name the offending spec field.
 */
package io.serversidesync.runner.destination.salesforce.describe;
