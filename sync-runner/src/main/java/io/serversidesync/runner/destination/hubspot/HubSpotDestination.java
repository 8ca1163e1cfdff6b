package io.serversidesync.runner.destination.hubspot;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.destination.Allocation;
import io.serversidesync.runner.destination.ChangeReader;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.DestinationRules;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.KeyMatching;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.StoredForm;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.destination.http.HttpClients;
import io.serversidesync.runner.destination.http.ProxyEnvironment;
import io.serversidesync.runner.destination.hubspot.account.AccountInfo;
import io.serversidesync.runner.destination.hubspot.changes.SearchChangeReader;
import io.serversidesync.runner.destination.hubspot.changes.SearchTarget;
import io.serversidesync.runner.destination.hubspot.convert.InputEncoder;
import io.serversidesync.runner.destination.hubspot.http.HubSpotHttp;
import io.serversidesync.runner.destination.hubspot.http.PrivateAppToken;
import io.serversidesync.runner.destination.hubspot.http.RateLimitHeaders;
import io.serversidesync.runner.destination.hubspot.properties.MappedProperty;
import io.serversidesync.runner.destination.hubspot.properties.ObjectProperties;
import io.serversidesync.runner.destination.hubspot.properties.PropertiesClient;
import io.serversidesync.runner.destination.hubspot.properties.PropertyChecks;
import io.serversidesync.runner.destination.hubspot.write.BatchDeletes;
import io.serversidesync.runner.destination.hubspot.write.BatchUpsert;
import io.serversidesync.runner.destination.ratelimit.RateLimiter;
import io.serversidesync.runner.destination.ratelimit.ThrottleListener;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HubSpot account as a destination. Thread-safe: concurrent writes share the token, the
 * properties and the rate limiter.
 */
public final class HubSpotDestination implements Destination {

  private static final Logger log = LoggerFactory.getLogger(HubSpotDestination.class);

  /**
   * Record ids (hs_object_id) are decimal numbers that fit in a signed 64-bit integer: at most 19
   * digits. An empty string clears a property, which reads back as null.
   */
  static final DestinationRules RULES = new DestinationRules(19, StoredForm.EMPTY_TEXT_AS_NULL);

  private final HubSpotSettings settings;
  private final OkHttpClient client;
  private final RateLimiter limiter;
  private final HubSpotHttp http;
  private final List<DeliveryPath> paths;
  private final BatchUpsert upsert;
  private final BatchDeletes deletes;
  private volatile Prepared prepared;
  private final TimeSource time;
  private SearchChangeReader changes;

  /** What the properties enable: converting values by each property's type. */
  private record Prepared(ObjectProperties properties, InputEncoder encoder) {}

  private HubSpotDestination(
      HubSpotSettings settings,
      OkHttpClient client,
      PrivateAppToken token,
      DestinationTelemetry telemetry,
      TimeSource time) {
    this.settings = settings;
    this.time = time;
    this.client = client;
    this.limiter = new RateLimiter(settings.rateLimit(), time, new TelemetryListener(telemetry));
    telemetry.quotaShare(settings.rateLimit().dailyQuotaShare());
    this.http =
        new HubSpotHttp(
            new HubSpotHttp.Wiring(client, settings.baseUrl(), token, limiter, telemetry, time));
    this.paths =
        List.of(
            DeliveryPath.perCall(
                "batch", settings.maxInputsPerCall(), 0, 1, Duration.ofMillis(500)));
    this.upsert =
        new BatchUpsert(
            http,
            settings.objectType(),
            settings.uniqueProperty(),
            settings.maxInputsPerCall(),
            keyMatching());
    this.deletes =
        new BatchDeletes(
            http,
            settings.objectType(),
            settings.uniqueProperty(),
            settings.maxInputsPerCall(),
            keyMatching());
  }

  /**
   * Builds the destination without calling the network.
   *
   * @throws DestinationException CREDENTIALS when the Secret lacks the token
   */
  public static HubSpotDestination create(
      HubSpotSettings settings,
      SecretLookup secrets,
      DestinationTelemetry telemetry,
      TimeSource time)
      throws DestinationException {
    return create(settings, secrets, telemetry, time, System.getenv());
  }

  static HubSpotDestination create(
      HubSpotSettings settings,
      SecretLookup secrets,
      DestinationTelemetry telemetry,
      TimeSource time,
      Map<String, String> environment)
      throws DestinationException {
    PrivateAppToken token =
        new PrivateAppToken(secrets, settings.tokenSecret(), settings.tokenKey());
    token.current();
    OkHttpClient client =
        HttpClients.builder(proxy(environment), settings.connectTimeout(), settings.readTimeout())
            .build();
    return new HubSpotDestination(settings, client, token, telemetry, time);
  }

  private static ProxyEnvironment proxy(Map<String, String> environment)
      throws DestinationException {
    try {
      ProxyEnvironment proxy = ProxyEnvironment.from(environment);
      log.info(proxy.describe());
      return proxy;
    } catch (IllegalArgumentException e) {
      throw new DestinationException(
          DestinationException.Kind.CONFIGURATION,
          "InvalidProxy",
          e.getMessage() + " (set in the runner's environment, e.g. spec.runner.pod.env)");
    }
  }

  /**
   * Reads the account's time zone and the object's properties (two calls) and checks the mapping
   * against them.
   */
  @Override
  public void preflight(List<String> fields) throws DestinationException {
    new AccountInfo(http).read().zone().ifPresent(http::accountZone);
    prepare(fields);
  }

  private synchronized Prepared prepare(List<String> fields) throws DestinationException {
    if (prepared != null && fields == null) {
      return prepared;
    }
    ObjectProperties properties = new PropertiesClient(http).read(settings.objectType());
    PropertyChecks.check(properties, settings.uniqueProperty(), mapped(fields));
    prepared = new Prepared(properties, new InputEncoder(properties, settings.uniqueProperty()));
    return prepared;
  }

  /** Names each field by its place in spec.mapping when it is there. */
  private List<MappedProperty> mapped(List<String> fields) {
    if (fields == null) {
      return settings.mapping();
    }
    List<MappedProperty> named = new ArrayList<>();
    for (String field : fields) {
      named.add(
          settings.mapping().stream()
              .filter(m -> m.name().equals(field))
              .findFirst()
              .orElseGet(
                  () ->
                      new MappedProperty(
                          field.equals(settings.uniqueProperty())
                              ? "spec.destination.externalIdField"
                              : "field " + field,
                          field)));
    }
    return named;
  }

  @Override
  public DestinationRules rules() {
    return RULES;
  }

  @Override
  public List<DeliveryPath> deliveryPaths() {
    return paths;
  }

  @Override
  public WriteResult write(
      DeliveryPath path, WriteOperation operation, List<DestinationRecord> records)
      throws DestinationException {
    if (!paths.contains(path)) {
      throw new IllegalArgumentException("not a path of this destination: " + path);
    }
    if (records.isEmpty()) {
      return new WriteResult(List.of());
    }
    Prepared ready = prepared != null ? prepared : prepare(null);
    return new WriteResult(
        switch (operation) {
          case UPSERT -> upsert.upsert(records, ready.encoder());
          case DELETE -> {
            if (settings.deletes() != DeletePolicy.Delete) {
              throw new IllegalStateException(
                  "deletes were sent although spec.deletes is " + settings.deletes());
            }
            yield deletes.delete(records);
          }
        });
  }

  /**
   * Reads changes back with HubSpot's search ({@link SearchChangeReader}), typed by the properties
   * the preflight read. One reader per destination, so its searches share one pacer.
   */
  @Override
  public synchronized Optional<ChangeReader> changeReader() {
    Prepared ready = prepared;
    if (ready == null) {
      throw new IllegalStateException(
          "changeReader() needs the properties: call preflight() first");
    }
    if (changes == null) {
      changes =
          new SearchChangeReader(
              http,
              new SearchTarget(
                  settings.objectType(),
                  settings.uniqueProperty(),
                  settings.propertyNames(),
                  settings.searchesPerSecond(),
                  settings.deletes()),
              ready.properties(),
              time);
    }
    return Optional.of(changes);
  }

  /** The account's daily allocation, from the rate-limit headers of one account-info call. */
  @Override
  public Optional<Allocation> allocation() throws DestinationException {
    RateLimitHeaders limits = new AccountInfo(http).read().limits();
    if (limits.daily().isEmpty() || limits.dailyUsed().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Allocation(
            "X-HubSpot-RateLimit-Daily",
            limits.daily().getAsLong(),
            limits.dailyUsed().getAsLong(),
            settings.rateLimit().dailyQuotaShare()));
  }

  /**
   * HubSpot does not document whether unique property values match ignoring case; matching them
   * ignoring case is the reading under which a cut never deletes a record it upserts.
   */
  @Override
  public KeyMatching keyMatching() {
    return KeyMatching.IGNORING_CASE;
  }

  @Override
  public void close() {
    limiter.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** Throttling as the runner sees it. */
  private record TelemetryListener(DestinationTelemetry telemetry) implements ThrottleListener {
    @Override
    public void throttled(Instant until, String why) {
      telemetry.throttled(until, why);
    }

    @Override
    public void resumed() {
      telemetry.resumed();
    }
  }
}
