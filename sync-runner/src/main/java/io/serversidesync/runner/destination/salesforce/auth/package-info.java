/**
 * OAuth 2.0 for server-to-server Salesforce access: the client-credentials, JWT-bearer and
 * refresh-token flows, each reading its credentials from the sync's Secret at every token request
 * (so a fixed Secret takes effect without a restart), and a cache of the current access token.
 * Secret values never appear in messages or logs.
 */
package io.serversidesync.runner.destination.salesforce.auth;
