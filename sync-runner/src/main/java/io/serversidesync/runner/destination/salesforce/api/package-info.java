/**
 * Authenticated Salesforce REST calls (bearer token, one fresh token and retry on {@code
 * INVALID_SESSION_ID}) and the meaning of Salesforce's record-level error codes.
 */
package io.serversidesync.runner.destination.salesforce.api;
