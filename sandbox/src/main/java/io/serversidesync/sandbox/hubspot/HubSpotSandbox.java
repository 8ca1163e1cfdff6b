package io.serversidesync.sandbox.hubspot;

import io.serversidesync.sandbox.faults.FaultInjector;
import io.serversidesync.sandbox.http.HttpServerHost;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.hubspot.api.AccountInfoResource;
import io.serversidesync.sandbox.hubspot.api.BatchReadArchiveResource;
import io.serversidesync.sandbox.hubspot.api.BatchUpsertResource;
import io.serversidesync.sandbox.hubspot.api.CallContext;
import io.serversidesync.sandbox.hubspot.api.HubSpotApi;
import io.serversidesync.sandbox.hubspot.api.PropertiesResource;
import io.serversidesync.sandbox.hubspot.api.SearchResource;
import io.serversidesync.sandbox.hubspot.auth.HubSpotTokens;
import io.serversidesync.sandbox.hubspot.limits.HubSpotRateLimiter;
import io.serversidesync.sandbox.hubspot.limits.RateLimitState;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.HubSpotSchema;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import io.serversidesync.sandbox.hubspot.store.HubSpotStore;
import io.serversidesync.sandbox.hubspot.store.UniqueValueException;
import io.serversidesync.sandbox.hubspot.values.PropertyValidator;
import io.serversidesync.sandbox.hubspot.values.ValidatedProperties;
import io.serversidesync.sandbox.stats.SandboxStats;
import io.serversidesync.sandbox.store.SandboxClock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HubSpot CRM v3 side of the sandbox: wires store, token, limits and resources, serves {@code
 * /crm/…} and {@code /account-info/…} through {@link #api()}, and is the {@link HubSpotControl}.
 */
public final class HubSpotSandbox implements HubSpotControl {
  private final HubSpotSettings settings;
  private final SandboxClock clock;
  private final HubSpotStore store;
  private final HubSpotTokens tokens;
  private final HubSpotRateLimiter limiter;
  private final HubSpotApi api;

  public HubSpotSandbox(
      HubSpotSettings settings,
      HubSpotSchema schema,
      SandboxClock clock,
      FaultInjector faults,
      SandboxStats stats) {
    this.settings = settings;
    this.clock = clock;
    this.store = new HubSpotStore(schema);
    this.tokens = new HubSpotTokens(settings.token(), settings.scopes());
    this.limiter =
        new HubSpotRateLimiter(clock, settings.burst(), settings.dailyLimit(), settings.timeZone());
    Router<CallContext> router = new Router<>();
    new BatchUpsertResource(store, clock, stats).register(router);
    new BatchReadArchiveResource(store, clock, stats).register(router);
    new SearchResource(store).register(router);
    new PropertiesResource().register(router);
    new AccountInfoResource(settings.portalId(), settings.timeZone(), clock).register(router);
    this.api =
        new HubSpotApi(
            router,
            new CallContext(schema, tokens),
            tokens,
            limiter,
            faults,
            stats,
            settings.appId());
  }

  /** Answers {@code /crm/…} and {@code /account-info/…}. */
  public HttpServerHost.Dispatcher api() {
    return api;
  }

  public HubSpotSettings settings() {
    return settings;
  }

  @Override
  public HubSpotSchema schema() {
    return store.schema();
  }

  @Override
  public List<HubSpotRecord> records(String objectType) {
    return store.records(object(objectType)).snapshot();
  }

  @Override
  public HubSpotRecord editAsUser(
      String objectType, String idProperty, String id, Map<String, String> properties) {
    HubSpotObject object = object(objectType);
    boolean byRecordId = idProperty.equals(HubSpotObject.ID);
    if (!byRecordId && object.property(idProperty).map(p -> !p.hasUniqueValue()).orElse(true)) {
      throw new IllegalArgumentException(
          "\"" + idProperty + "\" is no unique property of " + object.name());
    }
    if (byRecordId && store.records(object).find(idProperty, id).isEmpty()) {
      throw new IllegalArgumentException("no " + object.name() + " record has id " + id);
    }
    ValidatedProperties v = PropertyValidator.validateText(object, properties);
    if (!v.valid()) {
      throw new IllegalArgumentException("invalid values: " + v.problems());
    }
    try {
      return store.records(object).upsert(idProperty, id, v.values(), clock.now()).record();
    } catch (UniqueValueException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public void setToken(String token, Set<String> scopes) {
    tokens.set(token, scopes);
  }

  @Override
  public String token() {
    return tokens.token();
  }

  @Override
  public Set<String> scopes() {
    return tokens.scopes();
  }

  @Override
  public void revokeToken() {
    tokens.revoke();
  }

  @Override
  public void setDailyUsage(long used) {
    limiter.setDailyUsed(used);
  }

  @Override
  public long dailyUsage() {
    return limiter.dailyUsed();
  }

  @Override
  public RateLimitState rateLimits() {
    return limiter.state();
  }

  @Override
  public void reset() {
    store.clear();
    limiter.clear();
    tokens.set(settings.token(), settings.scopes());
  }

  private HubSpotObject object(String objectType) {
    return store
        .schema()
        .object(objectType)
        .orElseThrow(
            () ->
                new IllegalArgumentException("the sandbox serves no HubSpot object " + objectType));
  }
}
