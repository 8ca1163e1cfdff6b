package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Response;
import java.util.Locale;

/** {@code GET /services/data/}: the API versions; needs no session and costs nothing. */
final class VersionsResource {
  static final int OLDEST = 31;
  static final int NEWEST = 65;

  private VersionsResource() {}

  static Response versions() {
    ArrayNode list = Json.array();
    for (int v = OLDEST; v <= NEWEST; v++) {
      ObjectNode n = list.addObject();
      n.put("label", label(v));
      n.put("url", "/services/data/v" + v + ".0");
      n.put("version", v + ".0");
    }
    return Response.json(200, list);
  }

  /** Whether {@code version} (e.g. 64.0) is one of the versions listed. */
  static boolean offers(String version) {
    if (!version.endsWith(".0")) {
      return false;
    }
    int major = Integer.parseInt(version.substring(0, version.length() - 2));
    return major >= OLDEST && major <= NEWEST;
  }

  /** Release names: 65.0 is Winter '26, and each earlier version one release before. */
  static String label(int version) {
    int k = NEWEST - version;
    int season = k % 3;
    int year = season == 0 ? 26 - k / 3 : 25 - k / 3;
    String name = season == 0 ? "Winter" : season == 1 ? "Summer" : "Spring";
    return name + " '" + String.format(Locale.ROOT, "%02d", year);
  }
}
