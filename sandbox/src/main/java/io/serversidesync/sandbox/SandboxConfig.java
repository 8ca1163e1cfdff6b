package io.serversidesync.sandbox;

import io.serversidesync.sandbox.auth.OAuthSettings;
import io.serversidesync.sandbox.faults.FaultSettings;
import io.serversidesync.sandbox.hubspot.HubSpotSettings;
import io.serversidesync.sandbox.schema.DefaultSchema;
import io.serversidesync.sandbox.schema.Schema;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How to start a sandbox. Build with {@link #builder()}; every setting has a default, so {@code
 * SandboxConfig.builder().build()} is a working org with Contact and Account.
 *
 * @param port port on 127.0.0.1 (0 picks a free one)
 * @param schema the declared objects
 * @param username the integration user tokens are issued to (client credentials, refresh)
 * @param oauth connected app and session settings
 * @param dailyApiLimit the org's daily API request allocation
 * @param otherUsage API requests other clients of the org have used (quota tests start near the
 *     limit)
 * @param countTokenRequests whether token requests count toward the daily allocation
 * @param faults initial fault settings (reset restores them)
 * @param bulkStartDelay wait before a closed Bulk job starts processing (makes InProgress visible)
 * @param threads HTTP worker threads
 * @param hubSpot the HubSpot side: token, scopes, burst and daily limits, account time zone
 */
public record SandboxConfig(
    int port,
    Schema schema,
    String username,
    OAuthSettings oauth,
    long dailyApiLimit,
    long otherUsage,
    boolean countTokenRequests,
    FaultSettings faults,
    Duration bulkStartDelay,
    int threads,
    HubSpotSettings hubSpot) {

  public static final String DEFAULT_CLIENT_ID = "sandbox-client-id";
  public static final String DEFAULT_CLIENT_SECRET = "sandbox-client-secret";
  public static final String DEFAULT_USERNAME = "integration@sandbox.serversidesync.io";
  public static final long DEFAULT_DAILY_API_LIMIT = 15_000;

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from the defaults. */
  public static final class Builder {
    private int port;
    private Schema schema = DefaultSchema.create();
    private String username = DEFAULT_USERNAME;
    private String clientId = DEFAULT_CLIENT_ID;
    private String clientSecret = DEFAULT_CLIENT_SECRET;
    private RSAPublicKey jwtPublicKey;
    private final List<String> jwtAudiences = new ArrayList<>(OAuthSettings.DEFAULT_AUDIENCES);
    private final Set<String> jwtUsernames = new LinkedHashSet<>();
    private final Set<String> refreshTokens = new LinkedHashSet<>();
    private boolean rotateRefreshTokens;
    private Duration sessionTimeout = Duration.ofHours(2);
    private long dailyApiLimit = DEFAULT_DAILY_API_LIMIT;
    private long otherUsage;
    private boolean countTokenRequests;
    private FaultSettings faults = FaultSettings.none();
    private Duration bulkStartDelay = Duration.ZERO;
    private int threads = 32;
    private HubSpotSettings hubSpot = HubSpotSettings.defaults();

    public Builder port(int v) {
      this.port = v;
      return this;
    }

    public Builder schema(Schema v) {
      this.schema = v;
      return this;
    }

    public Builder username(String v) {
      this.username = v;
      return this;
    }

    public Builder clientCredentials(String id, String secret) {
      this.clientId = id;
      this.clientSecret = secret;
      return this;
    }

    /** Enables JWT bearer: assertions must be RS256-signed by the key of this public key. */
    public Builder jwtPublicKey(RSAPublicKey v) {
      this.jwtPublicKey = v;
      return this;
    }

    /** Adds an accepted {@code aud} (login.salesforce.com and test.salesforce.com are accepted). */
    public Builder jwtAudience(String v) {
      this.jwtAudiences.add(v);
      return this;
    }

    /** Restricts JWT bearer to this {@code sub} (repeatable; none = any username). */
    public Builder jwtUsername(String v) {
      this.jwtUsernames.add(v);
      return this;
    }

    public Builder refreshToken(String v) {
      this.refreshTokens.add(v);
      return this;
    }

    public Builder rotateRefreshTokens(boolean v) {
      this.rotateRefreshTokens = v;
      return this;
    }

    public Builder sessionTimeout(Duration v) {
      this.sessionTimeout = v;
      return this;
    }

    public Builder dailyApiLimit(long v) {
      this.dailyApiLimit = v;
      return this;
    }

    public Builder otherUsage(long v) {
      this.otherUsage = v;
      return this;
    }

    public Builder countTokenRequests(boolean v) {
      this.countTokenRequests = v;
      return this;
    }

    public Builder faults(FaultSettings v) {
      this.faults = v;
      return this;
    }

    public Builder bulkStartDelay(Duration v) {
      this.bulkStartDelay = v;
      return this;
    }

    public Builder threads(int v) {
      this.threads = v;
      return this;
    }

    /** The HubSpot side's settings (default {@link HubSpotSettings#defaults()}). */
    public Builder hubSpot(HubSpotSettings v) {
      this.hubSpot = v;
      return this;
    }

    public SandboxConfig build() {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      if (dailyApiLimit < 0 || otherUsage < 0) {
        throw new IllegalArgumentException("dailyApiLimit and otherUsage must be >= 0");
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1");
      }
      if (clientId == null
          || clientId.isBlank()
          || clientSecret == null
          || clientSecret.isEmpty()) {
        throw new IllegalArgumentException("the client id and secret must not be empty");
      }
      OAuthSettings oauth =
          new OAuthSettings(
              clientId,
              clientSecret,
              Optional.ofNullable(jwtPublicKey),
              jwtAudiences,
              jwtUsernames,
              refreshTokens,
              rotateRefreshTokens,
              sessionTimeout);
      return new SandboxConfig(
          port,
          schema,
          username,
          oauth,
          dailyApiLimit,
          otherUsage,
          countTokenRequests,
          faults,
          bulkStartDelay,
          threads,
          hubSpot);
    }
  }
}
