package io.serversidesync.runner.destination.salesforce.auth;

import okhttp3.HttpUrl;

/**
 * A bearer token and the instance it is valid for.
 *
 * @param value the access token; never logged
 * @param instanceUrl base URL of every data call
 */
public record AccessToken(String value, HttpUrl instanceUrl) {

  @Override
  public String toString() {
    return "AccessToken[instanceUrl=" + instanceUrl + ", value=(redacted)]";
  }
}
