/**
 * Every HubSpot request passes here: the private app token, the sync's rate limiter, telemetry, the
 * X-HubSpot-RateLimit-* headers, and answers that say "not now" (429 by policy, 5xx) or "not
 * allowed" (401, 403 missing scopes) turned into destination exceptions.
 */
package io.serversidesync.runner.destination.hubspot.http;
