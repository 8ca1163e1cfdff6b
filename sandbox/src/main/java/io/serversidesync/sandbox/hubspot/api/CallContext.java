package io.serversidesync.sandbox.hubspot.api;

import io.serversidesync.sandbox.hubspot.auth.HubSpotTokens;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.HubSpotSchema;

/** What a resource needs of an authenticated call: the object types and the token's scopes. */
public final class CallContext {
  /** Scope families: records and their definitions. */
  static final String OBJECTS = "objects";

  static final String SCHEMAS = "schemas";

  private final HubSpotSchema schema;
  private final HubSpotTokens tokens;

  public CallContext(HubSpotSchema schema, HubSpotTokens tokens) {
    this.schema = schema;
    this.tokens = tokens;
  }

  /** The object a path names, once the token is known to hold {@code crm.FAMILY.TYPE.ACCESS}. */
  HubSpotObject object(String pathName, String family, String access) throws HubSpotException {
    HubSpotObject o =
        schema.object(pathName).orElseThrow(() -> HubSpotErrors.unknownObjectType(pathName));
    String scope = o.scope(family, access);
    if (!tokens.hasScope(scope)) {
      throw HubSpotErrors.missingScope(scope);
    }
    return o;
  }
}
