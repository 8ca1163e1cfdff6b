package io.serversidesync.sandbox.api;

/**
 * What a data API handler knows about its call.
 *
 * @param version the API version of the path, e.g. {@code 64.0}
 * @param basePath {@code /services/data/v64.0}
 * @param username the session's user
 */
public record ApiCall(String version, String basePath, String username) {
  /** Whether the path's version is at least {@code major} (e.g. 46 for created/200 upserts). */
  public boolean atLeast(int major) {
    return Double.parseDouble(version) >= major;
  }
}
