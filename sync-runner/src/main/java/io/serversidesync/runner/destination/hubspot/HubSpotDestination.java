package io.serversidesync.runner.destination.hubspot;

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
import io.serversidesync.runner.destination.hubspot.http.HubSpotHttp;
import io.serversidesync.runner.destination.hubspot.http.PrivateAppToken;
import io.serversidesync.runner.destination.ratelimit.RateLimiter;
import io.serversidesync.runner.destination.ratelimit.ThrottleListener;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  private HubSpotDestination(
      HubSpotSettings settings,
      OkHttpClient client,
      PrivateAppToken token,
      DestinationTelemetry telemetry,
      TimeSource time) {
    this.settings = settings;
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

  @Override
  public void preflight(List<String> fields) throws DestinationException {
    throw new UnsupportedOperationException("HubSpot preflight: in progress");
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
    throw new UnsupportedOperationException("HubSpot writes: in progress");
  }

  /**
   * HubSpot does not document whether unique property values match ignoring case; matching them
   * ignoring case is the reading under which a cut never deletes a record it upserts.
   */
  @Override
  public KeyMatching keyMatching() {
    return KeyMatching.IGNORING_CASE;
  }

  /** The HTTP layer, for the parts of this destination. */
  HubSpotHttp http() {
    return http;
  }

  HubSpotSettings settings() {
    return settings;
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
