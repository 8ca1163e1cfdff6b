package io.serversidesync.sandbox;

import io.serversidesync.sandbox.admin.AdminResource;
import io.serversidesync.sandbox.admin.SandboxControl;
import io.serversidesync.sandbox.api.SandboxDispatcher;
import io.serversidesync.sandbox.auth.OAuthFlows;
import io.serversidesync.sandbox.auth.OrgIdentity;
import io.serversidesync.sandbox.auth.TokenService;
import io.serversidesync.sandbox.bulk.IngestJob;
import io.serversidesync.sandbox.bulk.IngestJobs;
import io.serversidesync.sandbox.faults.FaultInjector;
import io.serversidesync.sandbox.faults.FaultSettings;
import io.serversidesync.sandbox.http.HttpServerHost;
import io.serversidesync.sandbox.hubspot.HubSpotControl;
import io.serversidesync.sandbox.hubspot.HubSpotSandbox;
import io.serversidesync.sandbox.hubspot.schema.DefaultHubSpotSchema;
import io.serversidesync.sandbox.quota.ApiUsage;
import io.serversidesync.sandbox.stats.SandboxStats;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import io.serversidesync.sandbox.store.ObjectStore;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.store.SandboxClock;
import io.serversidesync.sandbox.write.UpsertService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running Salesforce-compatible (and, under {@code /crm/…}, HubSpot-compatible) sandbox on
 * 127.0.0.1. Start it with {@link #start}, point a client at {@link #baseUrl()} (it is both the
 * login URL and the instance URL), steer faults, quota and time, read stats and records, and {@link
 * #close()} it.
 */
public final class Sandbox implements SandboxControl, AutoCloseable {
  private final SandboxConfig config;
  private final SandboxClock clock = new SandboxClock();
  private final SandboxStats stats = new SandboxStats();
  private final RecordStore store;
  private final FaultInjector faults;
  private final ApiUsage usage;
  private final OrgIdentity org;
  private final TokenService tokens;
  private final OAuthFlows flows;
  private final IngestJobs jobs;
  private final HubSpotSandbox hubSpot;
  private final SandboxDispatcher dispatcher;
  private final HttpServerHost server;
  private final String baseUrl;
  private final AtomicReference<String> advertisedUrl;

  private Sandbox(SandboxConfig config) throws IOException {
    this.config = config;
    this.store = new RecordStore(config.schema());
    this.faults = new FaultInjector(config.faults());
    this.usage =
        new ApiUsage(
            clock, config.dailyApiLimit(), config.otherUsage(), config.countTokenRequests());
    this.org = OrgIdentity.of(config.username());
    this.tokens = new TokenService(clock, org, config.oauth().sessionTimeout());
    this.flows = new OAuthFlows(config.oauth(), org, tokens, clock);
    UpsertService writes = new UpsertService(store, clock, faults, stats, org.userId());
    this.jobs = new IngestJobs(store, writes, clock, usage, config.bulkStartDelay().toMillis());
    this.hubSpot =
        new HubSpotSandbox(config.hubSpot(), DefaultHubSpotSchema.create(), clock, faults, stats);
    AtomicReference<String> url = new AtomicReference<>();
    this.dispatcher =
        new SandboxDispatcher(
            new SandboxDispatcher.Services(
                store,
                writes,
                jobs,
                usage,
                org,
                tokens,
                flows,
                faults,
                stats,
                new AdminResource(this),
                hubSpot.api(),
                url::get));
    try {
      this.server = new HttpServerHost(config.port(), config.threads(), dispatcher);
    } catch (IOException e) {
      jobs.close();
      throw new IOException(
          "cannot listen on 127.0.0.1:"
              + config.port()
              + " ("
              + e.getMessage()
              + "); pick another --port or 0",
          e);
    }
    this.baseUrl = "http://127.0.0.1:" + server.port();
    url.set(baseUrl);
    this.advertisedUrl = url;
  }

  /** Starts a sandbox; it is listening when this returns. */
  public static Sandbox start(SandboxConfig config) throws IOException {
    return new Sandbox(config);
  }

  /** {@code http://127.0.0.1:PORT}: login URL and instance URL at once. */
  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.port();
  }

  /**
   * Makes token responses and identity documents name {@code url} as the instance URL instead of
   * {@link #baseUrl()}, as when clients reach the sandbox through a proxy (a test's network outage,
   * say): data calls then go through it too.
   */
  public void advertiseUrl(String url) {
    advertisedUrl.set(url);
  }

  /** The OAuth token endpoint. */
  public String tokenUrl() {
    return baseUrl + "/services/oauth2/token";
  }

  public SandboxConfig config() {
    return config;
  }

  /** A valid access token for the integration user, without a token request. */
  public String issueAccessToken() {
    return tokens.issue(org.username(), "client_credentials");
  }

  public OrgIdentity org() {
    return org;
  }

  @Override
  public FaultSettings faultSettings() {
    return faults.settings();
  }

  @Override
  public void setFaults(FaultSettings settings) {
    faults.update(settings);
  }

  /** Salesforce access tokens and the HubSpot token become invalid. */
  @Override
  public void revokeAccessTokens() {
    tokens.revokeAll();
    hubSpot.revokeToken();
  }

  @Override
  public void revokeRefreshTokens() {
    flows.revokeRefreshTokens();
  }

  @Override
  public void startRateLimitBurst(int calls) {
    faults.startRateLimitBurst(calls);
  }

  @Override
  public StatsSnapshot stats() {
    return stats.snapshot();
  }

  @Override
  public ApiUsage usage() {
    return usage;
  }

  @Override
  public SandboxClock clock() {
    return clock;
  }

  @Override
  public RecordStore store() {
    return store;
  }

  /**
   * Copies of the records of an object with typed values (String, Boolean, BigDecimal, LocalDate,
   * Instant), in creation order.
   */
  public List<Map<String, Object>> records(String object) {
    ObjectStore os =
        store
            .store(object)
            .orElseThrow(
                () -> new IllegalArgumentException("the sandbox declares no object " + object));
    return os.locked(os::snapshot);
  }

  /**
   * The Bulk API 2.0 ingest jobs in creation order, as {@code GET …/jobs/ingest} lists them but
   * without a session, API usage or faults (read a job's state with {@code progress()}).
   */
  public List<IngestJob> bulkJobs() {
    return jobs.list();
  }

  /**
   * The HubSpot CRM v3 API served on the same port ({@code /crm/v3/…}, {@code
   * /account-info/v3/details}): records, token and scopes, daily usage.
   */
  @Override
  public HubSpotControl hubSpot() {
    return hubSpot;
  }

  @Override
  public void reset() {
    jobs.clear();
    dispatcher.clearCursors();
    store.clear();
    stats.reset();
    usage.clear();
    hubSpot.reset();
    faults.update(config.faults());
  }

  @Override
  public void close() {
    server.close();
    jobs.close();
  }
}
