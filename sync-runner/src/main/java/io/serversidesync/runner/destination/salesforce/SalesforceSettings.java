package io.serversidesync.runner.destination.salesforce;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.ParentReference;
import io.serversidesync.api.v1alpha1.SalesforceDestinationSpec;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import io.serversidesync.runner.destination.salesforce.describe.ParentRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lombok.Builder;
import lombok.With;
import okhttp3.HttpUrl;

/**
 * Everything the Salesforce destination takes from the manifest, plus tuning that the manifest does
 * not expose (timeouts, bulk polling), with defaults.
 *
 * @param loginUrl the token endpoint's base (My Domain)
 * @param apiVersion e.g. 64.0
 * @param flow the OAuth flow
 * @param secretName the Secret with the flow's credentials
 * @param audience the JWT bearer aud claim
 * @param object the destination object, e.g. Contact
 * @param externalIdField its unique external-id field
 * @param mapping the mapped fields with their spec paths, in mapping order
 * @param deletes what a deleted row does
 * @param maxRecordsPerCall records per sObject Collections call (spec.batching.maxRecords)
 * @param rateLimit the shared limits
 * @param bulk how bulk jobs are sized and watched
 * @param bulkProcessingEstimate how long Salesforce typically takes to process a job, for the bulk
 *     path's cost model (number of polls) and latency
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout longest wait for response bytes (Salesforce's own API timeout is 10 min)
 */
@Builder(toBuilder = true)
@With
public record SalesforceSettings(
    HttpUrl loginUrl,
    String apiVersion,
    AuthFlow flow,
    String secretName,
    String audience,
    String object,
    String externalIdField,
    List<MappedField> mapping,
    DeletePolicy deletes,
    int maxRecordsPerCall,
    RateLimitSettings rateLimit,
    BulkSettings bulk,
    Duration bulkProcessingEstimate,
    Duration connectTimeout,
    Duration readTimeout) {

  public static final Duration DEFAULT_BULK_PROCESSING = Duration.ofSeconds(15);

  public SalesforceSettings {
    mapping = List.copyOf(mapping);
  }

  /**
   * Reads a validated manifest.
   *
   * @throws DestinationException CONFIGURATION when it has no Salesforce destination or a value the
   *     runner cannot use
   */
  public static SalesforceSettings from(ServerSideSync sync) throws DestinationException {
    ServerSideSyncSpec spec = sync.getSpec();
    SalesforceDestinationSpec salesforce =
        spec == null || spec.getDestination() == null
            ? null
            : spec.getDestination().getSalesforce();
    if (salesforce == null) {
      throw invalid("spec.destination.salesforce: not set; this destination needs it");
    }
    HttpUrl loginUrl = HttpUrl.parse(salesforce.getLoginUrl());
    if (loginUrl == null) {
      throw invalid(
          "spec.destination.salesforce.loginUrl: \""
              + salesforce.getLoginUrl()
              + "\" is not a URL; use the org's My Domain URL, e.g. https://acme.my.salesforce.com");
    }
    if (salesforce.getAuth() == null
        || salesforce.getAuth().getFlow() == null
        || salesforce.getAuth().getSecretRef() == null) {
      throw invalid("spec.destination.salesforce.auth: flow and secretRef are required");
    }
    List<MappedField> mapping = new ArrayList<>();
    for (int i = 0; i < spec.getMapping().size(); i++) {
      FieldMapping m = spec.getMapping().get(i);
      String path = "spec.mapping[" + i + "]";
      ParentReference reference = m.getReference();
      mapping.add(
          new MappedField(
              path + ".field",
              m.getField(),
              reference == null
                  ? null
                  : new ParentRef(
                      path + ".reference", reference.getObject(), reference.getExternalIdField())));
    }
    RateLimitSettings rateLimit;
    try {
      rateLimit = RateLimitSettings.from(spec.getRateLimit());
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return SalesforceSettings.builder()
        .loginUrl(loginUrl)
        .apiVersion(salesforce.getApiVersion())
        .flow(salesforce.getAuth().getFlow())
        .secretName(salesforce.getAuth().getSecretRef().getName())
        .audience(salesforce.getAuth().getAudience())
        .object(spec.getDestination().getObject())
        .externalIdField(spec.getDestination().getExternalIdField())
        .mapping(mapping)
        .deletes(spec.getDeletes())
        .maxRecordsPerCall(spec.getBatching().getMaxRecords())
        .rateLimit(rateLimit)
        .bulk(BulkSettings.DEFAULT)
        .bulkProcessingEstimate(DEFAULT_BULK_PROCESSING)
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofMinutes(2))
        .build();
  }

  private static DestinationException invalid(String message) {
    return new DestinationException(Kind.CONFIGURATION, "InvalidSpec", message);
  }
}
