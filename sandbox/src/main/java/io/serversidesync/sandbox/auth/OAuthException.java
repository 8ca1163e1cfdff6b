package io.serversidesync.sandbox.auth;

/** A token request Salesforce would refuse: answered 400 {@code {"error","error_description"}}. */
public final class OAuthException extends Exception {
  private final String error;
  private final String description;

  public OAuthException(String error, String description) {
    super(error + ": " + description);
    this.error = error;
    this.description = description;
  }

  public String error() {
    return error;
  }

  public String description() {
    return description;
  }

  static OAuthException invalidClientId() {
    return new OAuthException("invalid_client_id", "client identifier invalid");
  }

  static OAuthException invalidClient() {
    return new OAuthException("invalid_client", "invalid client credentials");
  }

  static OAuthException invalidAssertion() {
    return new OAuthException("invalid_grant", "invalid assertion");
  }

  static OAuthException unsupportedGrantType() {
    return new OAuthException("unsupported_grant_type", "grant type not supported");
  }
}
