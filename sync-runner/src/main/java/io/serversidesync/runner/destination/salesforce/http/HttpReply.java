package io.serversidesync.runner.destination.salesforce.http;

import java.util.List;
import okhttp3.Headers;

/**
 * A response that reached the caller: a 2xx, or a 4xx the caller interprets (rate limits, 5xx and
 * network errors never get here).
 *
 * @param status HTTP status
 * @param body the body as text, empty when there was none
 * @param headers response headers
 */
public record HttpReply(int status, String body, Headers headers) {

  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /** The Salesforce errors of the body (empty when it has none or is not JSON). */
  public List<SalesforceError> errors() {
    return SalesforceError.parseAll(body);
  }
}
