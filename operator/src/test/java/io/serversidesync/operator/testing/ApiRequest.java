package io.serversidesync.operator.testing;

/**
 * One request the mock API server received.
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param path the path with the query
 * @param userAgent who sent it (each client of a test sets its own)
 */
public record ApiRequest(String method, String path, String userAgent) {

  /** The path without the query. */
  public String resourcePath() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  /** Whether this writes the status subresource of the named ServerSideSync. */
  public boolean isStatusWriteOf(String namespace, String name) {
    return ("PATCH".equals(method) || "PUT".equals(method))
        && resourcePath()
            .equals(
                "/apis/serversidesync.io/v1alpha1/namespaces/"
                    + namespace
                    + "/serversidesyncs/"
                    + name
                    + "/status");
  }
}
