package io.serversidesync.sandbox.auth;

import io.serversidesync.sandbox.store.SalesforceId;

/**
 * The org and the integration ("run as") user the sandbox pretends to be.
 *
 * @param orgId 18-character org id (prefix 00D)
 * @param userId 18-character user id (prefix 005)
 * @param username the integration user's username
 */
public record OrgIdentity(String orgId, String userId, String username) {
  public static OrgIdentity of(String username) {
    return new OrgIdentity(
        SalesforceId.of("00D", 4_242_424_242L), SalesforceId.of("005", 4_242_424_242L), username);
  }
}
