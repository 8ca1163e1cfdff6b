package io.serversidesync.sandbox.http;

import java.io.IOException;
import java.util.Map;

/** Answers one matched route. */
@FunctionalInterface
public interface Handler<C> {
  Response handle(Request request, Map<String, String> params, C context)
      throws ApiException, IOException;
}
