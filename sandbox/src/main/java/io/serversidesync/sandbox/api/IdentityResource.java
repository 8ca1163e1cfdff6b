package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.auth.OrgIdentity;
import io.serversidesync.sandbox.auth.TokenService;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code GET /id/{orgId}/{userId}}: the identity URL of the token responses. */
final class IdentityResource {
  private final TokenService tokens;
  private final OrgIdentity org;
  private final Supplier<String> baseUrl;

  IdentityResource(TokenService tokens, OrgIdentity org, Supplier<String> baseUrl) {
    this.tokens = tokens;
    this.org = org;
    this.baseUrl = baseUrl;
  }

  Response identity(Request request) throws ApiException {
    String header = request.header("Authorization").orElse("");
    Optional<String> user =
        header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? tokens.validate(header.substring(7).trim())
            : Optional.empty();
    if (user.isEmpty()) {
      return Response.text(403, "text/plain;charset=UTF-8", "Bad_OAuth_Token");
    }
    ObjectNode body = Json.object();
    body.put("id", baseUrl.get() + "/id/" + org.orgId() + "/" + org.userId());
    body.put("asserted_user", true);
    body.put("user_id", org.userId());
    body.put("organization_id", org.orgId());
    body.put("username", user.get());
    body.put("nick_name", user.get().split("@")[0]);
    body.put("display_name", "Integration User");
    body.put("active", true);
    body.put("user_type", "STANDARD");
    body.put("language", "en_US");
    body.put("locale", "en_US");
    body.put("utcOffset", 0);
    ObjectNode urls = body.putObject("urls");
    urls.put("rest", baseUrl.get() + "/services/data/v{version}/");
    urls.put("sobjects", baseUrl.get() + "/services/data/v{version}/sobjects/");
    urls.put("query", baseUrl.get() + "/services/data/v{version}/query/");
    urls.put("limits", baseUrl.get() + "/services/data/v{version}/limits/");
    return Response.json(200, body);
  }
}
