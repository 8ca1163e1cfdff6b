package io.serversidesync.runner.destination.hubspot;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.HubSpotDestinationSpec;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.hubspot.properties.MappedProperty;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lombok.Builder;
import lombok.With;
import okhttp3.HttpUrl;

/**
 * Everything the HubSpot destination takes from the manifest, plus tuning the manifest does not
 * expose, with defaults.
 *
 * @param baseUrl the API's base, e.g. https://api.hubapi.com
 * @param tokenSecret the Secret holding the private app's access token
 * @param tokenKey the key of the token in that Secret
 * @param objectType the object type, e.g. contacts or companies
 * @param uniqueProperty the property with unique values that holds the customer-managed identifier:
 *     the idProperty of every upsert and read
 * @param mapping the mapped properties with their spec paths, in mapping order
 * @param deletes what a deleted row does
 * @param maxInputsPerCall inputs per batch request: spec.batching.maxRecords, at most {@link
 *     #MAX_INPUTS}
 * @param rateLimit the shared limits
 * @param searchesPerSecond search requests per second at most (HubSpot allows 5 per account)
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout longest wait for response bytes
 */
@Builder(toBuilder = true)
@With
public record HubSpotSettings(
    HttpUrl baseUrl,
    String tokenSecret,
    String tokenKey,
    String objectType,
    String uniqueProperty,
    List<MappedProperty> mapping,
    DeletePolicy deletes,
    int maxInputsPerCall,
    RateLimitSettings rateLimit,
    int searchesPerSecond,
    Duration connectTimeout,
    Duration readTimeout) {

  /** HubSpot's limit of inputs per batch request. */
  public static final int MAX_INPUTS = 100;

  /** HubSpot's limit of search requests per second per account. */
  public static final int MAX_SEARCHES_PER_SECOND = 5;

  public HubSpotSettings {
    mapping = List.copyOf(mapping);
  }

  /** The mapped property names, in mapping order. */
  public List<String> propertyNames() {
    return mapping.stream().map(MappedProperty::name).toList();
  }

  /**
   * Reads a validated manifest.
   *
   * @throws DestinationException CONFIGURATION when it has no HubSpot destination or a value the
   *     runner cannot use
   */
  public static HubSpotSettings from(ServerSideSync sync) throws DestinationException {
    ServerSideSyncSpec spec = sync.getSpec();
    HubSpotDestinationSpec hubspot =
        spec == null || spec.getDestination() == null ? null : spec.getDestination().getHubspot();
    if (hubspot == null) {
      throw invalid("spec.destination.hubspot: not set; this destination needs it");
    }
    HttpUrl baseUrl = HttpUrl.parse(hubspot.getBaseUrl());
    if (baseUrl == null) {
      throw invalid(
          "spec.destination.hubspot.baseUrl: \""
              + hubspot.getBaseUrl()
              + "\" is not a URL; leave it out for https://api.hubapi.com");
    }
    if (hubspot.getAccessTokenSecretRef() == null
        || hubspot.getAccessTokenSecretRef().getName() == null
        || hubspot.getAccessTokenSecretRef().getKey() == null) {
      throw invalid(
          "spec.destination.hubspot.accessTokenSecretRef: name and key of the Secret holding the"
              + " private app's access token are required");
    }
    List<MappedProperty> mapping = new ArrayList<>();
    for (int i = 0; i < spec.getMapping().size(); i++) {
      FieldMapping m = spec.getMapping().get(i);
      if (m.getReference() != null) {
        throw invalid(
            "spec.mapping["
                + i
                + "].reference: HubSpot has no lookup fields set by a parent's unique property;"
                + " map the parent's identifier to a plain property instead");
      }
      mapping.add(new MappedProperty("spec.mapping[" + i + "].field", m.getField()));
    }
    RateLimitSettings rateLimit;
    try {
      rateLimit = RateLimitSettings.from(spec.getRateLimit());
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return HubSpotSettings.builder()
        .baseUrl(baseUrl)
        .tokenSecret(hubspot.getAccessTokenSecretRef().getName())
        .tokenKey(hubspot.getAccessTokenSecretRef().getKey())
        .objectType(spec.getDestination().getObject())
        .uniqueProperty(spec.getDestination().getExternalIdField())
        .mapping(mapping)
        .deletes(spec.getDeletes())
        .maxInputsPerCall(Math.min(MAX_INPUTS, spec.getBatching().getMaxRecords()))
        .rateLimit(rateLimit)
        .searchesPerSecond(MAX_SEARCHES_PER_SECOND)
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofMinutes(2))
        .build();
  }

  private static DestinationException invalid(String message) {
    return new DestinationException(Kind.CONFIGURATION, "InvalidSpec", message);
  }
}
