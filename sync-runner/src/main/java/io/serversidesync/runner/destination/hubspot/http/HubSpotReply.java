package io.serversidesync.runner.destination.hubspot.http;

import java.util.Optional;

/**
 * A response that reached the caller: a 2xx or 207, or a 4xx the caller interprets (400 validation,
 * 404). Rate limits, authentication, missing scopes, 5xx and network errors never get here.
 *
 * @param status HTTP status
 * @param body the body as text, empty when there was none
 * @param limits the response's rate-limit headers
 */
public record HubSpotReply(int status, String body, RateLimitHeaders limits) {

  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /** The error the body describes, when it is one. */
  public Optional<HubSpotError> error() {
    return HubSpotError.parse(body);
  }
}
