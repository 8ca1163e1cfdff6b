package io.serversidesync.runner.destination.salesforce;

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
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.StoredForm;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.destination.http.HttpClients;
import io.serversidesync.runner.destination.http.ProxyEnvironment;
import io.serversidesync.runner.destination.ratelimit.RateLimiter;
import io.serversidesync.runner.destination.ratelimit.ThrottleListener;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.destination.salesforce.api.ApiVersions;
import io.serversidesync.runner.destination.salesforce.api.BatchOutcomes;
import io.serversidesync.runner.destination.salesforce.api.OrgLimits;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.auth.OAuthFlow;
import io.serversidesync.runner.destination.salesforce.auth.OAuthFlows;
import io.serversidesync.runner.destination.salesforce.auth.TokenService;
import io.serversidesync.runner.destination.salesforce.bulk.BulkIngest;
import io.serversidesync.runner.destination.salesforce.changes.SoqlChangeReader;
import io.serversidesync.runner.destination.salesforce.collections.CollectionsDelete;
import io.serversidesync.runner.destination.salesforce.collections.CollectionsUpsert;
import io.serversidesync.runner.destination.salesforce.collections.SingleRecordDelete;
import io.serversidesync.runner.destination.salesforce.convert.EncodedRecord;
import io.serversidesync.runner.destination.salesforce.convert.RecordEncoder;
import io.serversidesync.runner.destination.salesforce.describe.Describer;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import io.serversidesync.runner.destination.salesforce.describe.ObjectDescription;
import io.serversidesync.runner.destination.salesforce.http.MeteredHttp;
import io.serversidesync.runner.destination.salesforce.lookup.ExternalIdLookup;
import io.serversidesync.runner.destination.salesforce.parent.ParentChecks;
import io.serversidesync.runner.destination.salesforce.parent.ParentField;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Salesforce org as a destination. Thread-safe: concurrent writes share the token, the describe
 * and the rate limiter.
 */
public final class SalesforceDestination implements Destination {

  private static final Logger log = LoggerFactory.getLogger(SalesforceDestination.class);

  /**
   * Record ids are 15 or 18 characters (the API returns the 18-character form); empty text is
   * stored as null.
   */
  static final DestinationRules RULES = new DestinationRules(18, StoredForm.EMPTY_TEXT_AS_NULL);

  private final SalesforceSettings settings;
  private final OkHttpClient client;
  private final RateLimiter limiter;
  private final TokenService tokens;
  private final SalesforceApi api;
  private final DestinationTelemetry telemetry;
  private final TimeSource time;
  private final List<DeliveryPath> paths;
  private final CollectionsUpsert collectionsUpsert;
  private final BulkIngest bulk;
  private volatile Prepared prepared;

  /**
   * What the describe enables: conversion and deletes by the external-id field's type, and reading
   * changes back with the fields' types.
   */
  private record Prepared(
      RecordEncoder encoder,
      ExternalIdDeletes deletes,
      SoqlChangeReader changes,
      KeyMatching keyMatching) {}

  private SalesforceDestination(
      SalesforceSettings settings,
      OkHttpClient client,
      OAuthFlow flow,
      DestinationTelemetry telemetry,
      TimeSource time) {
    this.settings = settings;
    this.client = client;
    this.telemetry = telemetry;
    this.time = time;
    this.limiter = new RateLimiter(settings.rateLimit(), time, new TelemetryListener(telemetry));
    telemetry.quotaShare(settings.rateLimit().dailyQuotaShare());
    MeteredHttp http = new MeteredHttp(client, limiter, telemetry, time);
    this.tokens = new TokenService(http, settings.loginUrl(), flow);
    this.api = new SalesforceApi(http, tokens, settings.apiVersion());
    this.paths =
        List.of(
            CostModels.collections(settings.maxRecordsPerCall()),
            CostModels.bulk(settings.bulk(), settings.bulkProcessingEstimate()));
    this.collectionsUpsert =
        new CollectionsUpsert(
            api,
            settings.object(),
            settings.externalIdField(),
            settings.maxRecordsPerCall(),
            telemetry,
            time);
    this.bulk = new BulkIngest(api, settings.object(), settings.bulk(), time, telemetry);
  }

  /**
   * Builds the destination without calling the network.
   *
   * @throws DestinationException CREDENTIALS when the Secret lacks a key the flow needs or holds an
   *     unusable private key
   */
  public static SalesforceDestination create(
      SalesforceSettings settings,
      SecretLookup secrets,
      DestinationTelemetry telemetry,
      TimeSource time)
      throws DestinationException {
    return create(settings, secrets, telemetry, time, System.getenv());
  }

  /**
   * Like {@link #create(SalesforceSettings, SecretLookup, DestinationTelemetry, TimeSource)}, with
   * the process environment given (it names the outbound proxy).
   */
  static SalesforceDestination create(
      SalesforceSettings settings,
      SecretLookup secrets,
      DestinationTelemetry telemetry,
      TimeSource time,
      Map<String, String> environment)
      throws DestinationException {
    OAuthFlow flow =
        OAuthFlows.create(
            settings.flow(), settings.secretName(), settings.audience(), secrets, time);
    flow.check();
    // retries are the runner's and the limiter's business, with accounting
    OkHttpClient client =
        HttpClients.builder(proxy(environment), settings.connectTimeout(), settings.readTimeout())
            .build();
    return new SalesforceDestination(settings, client, flow, telemetry, time);
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
    ApiVersions.requireOffered(client, tokens.current().instanceUrl(), settings.apiVersion());
    prepare(fields);
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
    boolean viaBulk = path.name().equals(CostModels.BULK);
    if (!viaBulk && !path.name().equals(CostModels.COLLECTIONS)) {
      throw new IllegalArgumentException("not a path of this destination: " + path);
    }
    if (records.isEmpty()) {
      return new WriteResult(List.of());
    }
    Prepared ready = prepared != null ? prepared : prepare(null);
    return new WriteResult(
        switch (operation) {
          case UPSERT ->
              viaBulk
                  ? bulkUpsert(records, ready.encoder())
                  : collectionsUpsert.upsert(records, ready.encoder());
          case DELETE -> {
            if (settings.deletes() != DeletePolicy.Delete) {
              throw new IllegalStateException(
                  "deletes were sent although spec.deletes is " + settings.deletes());
            }
            yield ready.deletes().delete(records, viaBulk ? bulk : null);
          }
        });
  }

  private List<RecordOutcome> bulkUpsert(List<DestinationRecord> records, RecordEncoder encoder)
      throws DestinationException {
    BatchOutcomes outcomes = new BatchOutcomes(records.size());
    List<EncodedRecord> ready = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      RecordEncoder.Result result = encoder.encode(i, records.get(i));
      if (result.refused() != null) {
        outcomes.set(i, result.refused());
      } else {
        ready.add(result.record());
      }
    }
    bulk.upsert(settings.externalIdField(), ready, outcomes);
    return outcomes.finish();
  }

  /**
   * Describes the object and checks the mapping (once; concurrent callers wait for the first).
   *
   * @param fields the runner's field list, or null to check the manifest's mapping
   */
  private synchronized Prepared prepare(List<String> fields) throws DestinationException {
    if (prepared != null && fields == null) {
      return prepared;
    }
    Describer describer = new Describer(api);
    List<MappedField> mapped = mappedFields(fields);
    Map<String, ObjectDescription> described = describeAtOnce(describer, mapped);
    ObjectDescription object =
        described.containsKey(settings.object().toLowerCase(Locale.ROOT))
            ? described.get(settings.object().toLowerCase(Locale.ROOT))
            : describer.describe(settings.object());
    MappingCheck.check(object, settings.externalIdField(), mapped);
    Map<String, ParentField> parents =
        ParentChecks.resolve(
            object,
            mapped,
            (parent, specPath) ->
                described.containsKey(parent.toLowerCase(Locale.ROOT))
                    ? described.get(parent.toLowerCase(Locale.ROOT))
                    : describer.describe(parent, specPath));
    RecordEncoder encoder = new RecordEncoder(object, settings.externalIdField(), parents);
    ExternalIdDeletes deletes =
        new ExternalIdDeletes(
            new ExternalIdLookup(
                api, settings.object(), object.fieldOrUnknown(settings.externalIdField())),
            new CollectionsDelete(api),
            new SingleRecordDelete(api, settings.object(), settings.externalIdField()),
            time);
    SoqlChangeReader changes =
        new SoqlChangeReader(
            api,
            object,
            settings.externalIdField(),
            settings.mapping().stream().map(MappedField::field).toList(),
            parents);
    prepared =
        new Prepared(
            encoder,
            deletes,
            changes,
            object.fieldOrUnknown(settings.externalIdField()).caseSensitive()
                ? KeyMatching.EXACT
                : KeyMatching.IGNORING_CASE);
    return prepared;
  }

  /**
   * The object and the parents its lookups name, described in one call when there are parents (a
   * relationship costs no call of its own); without parents the plain describe is used below.
   */
  private Map<String, ObjectDescription> describeAtOnce(
      Describer describer, List<MappedField> mapped) throws DestinationException {
    Set<String> objects = new LinkedHashSet<>();
    objects.add(settings.object());
    mapped.stream().filter(m -> m.parent() != null).forEach(m -> objects.add(m.parent().object()));
    return objects.size() == 1 ? Map.of() : describer.describeTogether(List.copyOf(objects));
  }

  /** Names each field by its place in spec.mapping when it is there. */
  private List<MappedField> mappedFields(List<String> fields) {
    if (fields == null) {
      return settings.mapping();
    }
    List<MappedField> named = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i);
      named.add(
          settings.mapping().stream()
              .filter(m -> m.field().equalsIgnoreCase(field))
              .findFirst()
              .map(m -> new MappedField(m.specPath(), field, m.parent()))
              .orElseGet(
                  () ->
                      new MappedField(
                          field.equalsIgnoreCase(settings.externalIdField())
                              ? "spec.destination.externalIdField"
                              : "field " + field,
                          field)));
    }
    return named;
  }

  /**
   * Reads changed records back (two-way sync) through the same rate limiter, daily budget and
   * telemetry as writes. Available after {@link #preflight}.
   */
  /**
   * As the External ID field was created: case-insensitive unless "case sensitive" (describe's
   * {@code caseSensitive}); before the describe, case-insensitive, the reading that never deletes a
   * record a cut upserts.
   */
  @Override
  public KeyMatching keyMatching() {
    Prepared done = prepared;
    return done == null ? KeyMatching.IGNORING_CASE : done.keyMatching();
  }

  @Override
  public Optional<ChangeReader> changeReader() {
    Prepared ready = prepared;
    if (ready == null) {
      throw new IllegalStateException("changeReader() before preflight()");
    }
    return Optional.of(ready.changes());
  }

  /** DailyApiRequests of /limits, with spec.rateLimit.dailyQuotaShare as the sync's part. */
  @Override
  public Optional<Allocation> allocation() throws DestinationException {
    return Optional.of(OrgLimits.read(api, settings.rateLimit().dailyQuotaShare()));
  }

  /**
   * Each poll reads one page of changes; deletions are read once per new minute at most, since the
   * deleted resource covers whole minutes (SoqlChangeReader).
   */
  @Override
  public long idlePollCallsPerDay(Duration pollInterval) {
    long polls = Duration.ofDays(1).toMillis() / Math.max(1, pollInterval.toMillis());
    return polls + Math.min(polls, Duration.ofDays(1).toMinutes());
  }

  /** Requests this sync made in the last 24 hours, as the limiter counted them. */
  public long dailyUsage() {
    return limiter.dailyUsage();
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
