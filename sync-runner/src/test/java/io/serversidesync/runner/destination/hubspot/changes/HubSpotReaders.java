package io.serversidesync.runner.destination.hubspot.changes;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.hubspot.HubSpotSettings;
import io.serversidesync.runner.destination.hubspot.http.HubSpotHttp;
import io.serversidesync.runner.destination.hubspot.http.PrivateAppToken;
import io.serversidesync.runner.destination.hubspot.properties.MappedProperty;
import io.serversidesync.runner.destination.hubspot.properties.ObjectProperties;
import io.serversidesync.runner.destination.hubspot.properties.PropertiesClient;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.ratelimit.RateLimiter;
import io.serversidesync.runner.destination.ratelimit.ThrottleListener;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds a {@link SearchChangeReader} against a HubSpot (the sandbox or a mock server) the way the
 * destination does after its preflight: the properties are read with {@link PropertiesClient}.
 */
final class HubSpotReaders {

  private HubSpotReaders() {}

  static HubSpotSettings settings(
      HttpUrl baseUrl, String objectType, String uniqueProperty, List<String> properties) {
    List<MappedProperty> mapping = new ArrayList<>();
    for (int i = 0; i < properties.size(); i++) {
      mapping.add(new MappedProperty("spec.mapping[" + i + "].field", properties.get(i)));
    }
    return HubSpotSettings.builder()
        .baseUrl(baseUrl)
        .tokenSecret("hubspot")
        .tokenKey("token")
        .objectType(objectType)
        .uniqueProperty(uniqueProperty)
        .mapping(mapping)
        .deletes(DeletePolicy.Ignore)
        .maxInputsPerCall(HubSpotSettings.MAX_INPUTS)
        .rateLimit(new RateLimitSettings(50, 4, 1.0, Duration.ofMinutes(5), Duration.ofMillis(50)))
        .searchesPerSecond(HubSpotSettings.MAX_SEARCHES_PER_SECOND)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** The HTTP layer with the given token and a limiter of its own. */
  static HubSpotHttp http(
      HubSpotSettings settings, String token, DestinationTelemetry telemetry, TimeSource time) {
    SecretLookup secrets = (name, key) -> token;
    RateLimiter limiter = new RateLimiter(settings.rateLimit(), time, ThrottleListener.NONE);
    return new HubSpotHttp(
        new HubSpotHttp.Wiring(
            new OkHttpClient(),
            settings.baseUrl(),
            new PrivateAppToken(secrets, settings.tokenSecret(), settings.tokenKey()),
            limiter,
            telemetry,
            time));
  }

  /** A reader as the destination builds it after its preflight read the properties. */
  static SearchChangeReader reader(HubSpotSettings settings, HubSpotHttp http, TimeSource time)
      throws DestinationException {
    ObjectProperties properties = new PropertiesClient(http).read(settings.objectType());
    return new SearchChangeReader(http, target(settings), properties, time);
  }

  /** What the destination passes to the reader. */
  static SearchTarget target(HubSpotSettings settings) {
    return new SearchTarget(
        settings.objectType(),
        settings.uniqueProperty(),
        settings.propertyNames(),
        settings.searchesPerSecond(),
        settings.deletes());
  }
}
