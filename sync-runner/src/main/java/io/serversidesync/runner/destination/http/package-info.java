/**
 * HTTP concerns every destination shares and none owns: the outbound proxy the pod's environment
 * names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, as curl reads them), and the client built on it.
 */
package io.serversidesync.runner.destination.http;
