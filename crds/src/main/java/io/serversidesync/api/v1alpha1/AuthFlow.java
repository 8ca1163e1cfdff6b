package io.serversidesync.api.v1alpha1;

/** The OAuth 2.0 flows a server-side integration can use without a browser. */
public enum AuthFlow {
  ClientCredentials,
  JwtBearer,
  RefreshToken
}
