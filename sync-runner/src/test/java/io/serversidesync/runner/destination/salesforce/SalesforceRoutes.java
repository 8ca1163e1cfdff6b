package io.serversidesync.runner.destination.salesforce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Answers MockWebServer requests by method and path pattern; the latest matching route wins. Each
 * test states the exact responses it needs; this is not a Salesforce simulation.
 */
final class SalesforceRoutes extends Dispatcher {

  private record Route(
      String method, Pattern path, Function<RecordedRequest, MockResponse> answer) {}

  private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
  private final List<RecordedRequest> seen = Collections.synchronizedList(new ArrayList<>());

  /** Answers every matching request with {@code answer}. */
  SalesforceRoutes on(
      String method, String pathRegex, Function<RecordedRequest, MockResponse> answer) {
    routes.add(new Route(method, Pattern.compile(pathRegex), answer));
    return this;
  }

  /** Answers matching requests with the responses in turn, repeating the last one. */
  SalesforceRoutes onSequence(String method, String pathRegex, MockResponse... responses) {
    Iterator<MockResponse> it = List.of(responses).iterator();
    MockResponse[] last = {responses[responses.length - 1]};
    return on(
        method,
        pathRegex,
        request -> {
          synchronized (it) {
            return it.hasNext() ? it.next() : last[0];
          }
        });
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    seen.add(request);
    String path = request.getPath() == null ? "" : request.getPath();
    synchronized (routes) {
      for (int i = routes.size() - 1; i >= 0; i--) {
        Route route = routes.get(i);
        if (route.method().equals(request.getMethod()) && route.path().matcher(path).matches()) {
          return route.answer().apply(request);
        }
      }
    }
    return new MockResponse()
        .setResponseCode(404)
        .setBody(
            "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"no route in the test for "
                + path
                + "\"}]");
  }

  /** Requests whose path matches, in arrival order. */
  List<RecordedRequest> requests(String method, String pathRegex) {
    Pattern pattern = Pattern.compile(pathRegex);
    synchronized (seen) {
      return seen.stream()
          .filter(r -> r.getMethod().equals(method))
          .filter(r -> pattern.matcher(r.getPath() == null ? "" : r.getPath()).matches())
          .toList();
    }
  }
}
