package io.serversidesync.harness.manifest;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.serversidesync.api.runner.RunnerManifest;
import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.BatchingSpec;
import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.CredentialsSecretRef;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.DestinationSpec;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.HubSpotDestinationSpec;
import io.serversidesync.api.v1alpha1.LogLevel;
import io.serversidesync.api.v1alpha1.PostgresConnection;
import io.serversidesync.api.v1alpha1.RateLimitSpec;
import io.serversidesync.api.v1alpha1.SalesforceAuth;
import io.serversidesync.api.v1alpha1.SalesforceDestinationSpec;
import io.serversidesync.api.v1alpha1.SecretKeyRef;
import io.serversidesync.api.v1alpha1.SecretRef;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import io.serversidesync.api.v1alpha1.SourceSpec;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.api.v1alpha1.TwoWaySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A ServerSideSync for the runner's {@code --config}, built on the API's own model and rendered as
 * the operator renders a pod's manifest ({@link RunnerManifest}), so a typo is a compile error and
 * the file is what a pod would read. The Secrets it names are {@link #DB_SECRET} (username,
 * password, ca.crt) and {@link #OAUTH_SECRET}, or {@link #HUBSPOT_SECRET} (key {@link
 * #HUBSPOT_TOKEN_KEY}) once {@link #hubspot} made HubSpot the destination.
 */
public final class SyncManifest {

  public static final String DB_SECRET = "source-db";
  public static final String OAUTH_SECRET = "destination-oauth";

  /** The Secret holding a HubSpot private app's access token, under {@link #HUBSPOT_TOKEN_KEY}. */
  public static final String HUBSPOT_SECRET = "destination-hubspot";

  public static final String HUBSPOT_TOKEN_KEY = "accessToken";

  private final ServerSideSync sync = new ServerSideSync();
  private final ServerSideSyncSpec spec = new ServerSideSyncSpec();
  private final PostgresConnection postgres = new PostgresConnection();
  private final SalesforceDestinationSpec salesforce = new SalesforceDestinationSpec();
  private final DestinationSpec destination = new DestinationSpec();

  public SyncManifest(String name) {
    sync.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    sync.setSpec(spec);
    SourceSpec source = new SourceSpec();
    source.setPostgres(postgres);
    spec.setSource(source);
    postgres.setHost("127.0.0.1");
    postgres.setPort(5432);
    postgres.setCredentialsSecretRef(new CredentialsSecretRef(DB_SECRET, null, null));
    postgres.setSslMode(SslMode.DISABLE);
    salesforce.setApiVersion("64.0");
    SalesforceAuth auth = new SalesforceAuth();
    auth.setFlow(AuthFlow.ClientCredentials);
    auth.setSecretRef(new SecretRef(OAUTH_SECRET));
    salesforce.setAuth(auth);
    destination.setSalesforce(salesforce);
    spec.setDestination(destination);
    spec.setDeletes(DeletePolicy.Ignore);
  }

  public String name() {
    return sync.getMetadata().getName();
  }

  public SyncManifest postgres(String host, int port, String database) {
    postgres.setHost(host);
    postgres.setPort(port);
    postgres.setDatabase(database);
    return this;
  }

  /** libpq sslmode; {@code withRootCert} points sslRootCertSecretRef at key ca.crt. */
  public SyncManifest ssl(SslMode mode, boolean withRootCert) {
    postgres.setSslMode(mode);
    postgres.setSslRootCertSecretRef(withRootCert ? new SecretKeyRef(DB_SECRET, "ca.crt") : null);
    return this;
  }

  public SyncManifest table(String table, String upsertKey) {
    spec.getSource().setTable(table);
    spec.getSource().setUpsertKey(upsertKey);
    return this;
  }

  public SyncManifest capture(CaptureMethod capture) {
    spec.getSource().setCapture(capture);
    return this;
  }

  public SyncManifest salesforce(String loginUrl, AuthFlow flow, String object, String externalId) {
    salesforce.setLoginUrl(loginUrl);
    salesforce.getAuth().setFlow(flow);
    destination.setObject(object);
    destination.setExternalIdField(externalId);
    return this;
  }

  /**
   * HubSpot instead of Salesforce: spec.destination.hubspot with the token in {@link
   * #HUBSPOT_SECRET}, records of {@code objectType} upserted by the unique property {@code
   * uniqueProperty}.
   */
  public SyncManifest hubspot(String baseUrl, String objectType, String uniqueProperty) {
    HubSpotDestinationSpec hubspot = new HubSpotDestinationSpec();
    hubspot.setBaseUrl(baseUrl);
    hubspot.setAccessTokenSecretRef(new SecretKeyRef(HUBSPOT_SECRET, HUBSPOT_TOKEN_KEY));
    destination.setHubspot(hubspot);
    destination.setSalesforce(null);
    destination.setObject(objectType);
    destination.setExternalIdField(uniqueProperty);
    return this;
  }

  public SyncManifest map(String column, String field) {
    spec.getMapping().add(new FieldMapping(column, field));
    return this;
  }

  public SyncManifest deletes(DeletePolicy policy) {
    spec.setDeletes(policy);
    return this;
  }

  public SyncManifest batching(Consumer<BatchingSpec> edit) {
    edit.accept(spec.getBatching());
    return this;
  }

  public SyncManifest rateLimit(Consumer<RateLimitSpec> edit) {
    edit.accept(spec.getRateLimit());
    return this;
  }

  /** spec.twoWay: the reverse direction with its poll interval, id column and conflict policy. */
  public SyncManifest twoWay(
      String pollInterval, String destinationIdColumn, ConflictPolicy policy) {
    TwoWaySpec twoWay = new TwoWaySpec();
    twoWay.setPollInterval(pollInterval);
    twoWay.setDestinationIdColumn(destinationIdColumn);
    twoWay.setConflictPolicy(policy);
    spec.setTwoWay(twoWay);
    return this;
  }

  public SyncManifest logLevel(LogLevel level) {
    spec.getRunner().setLogLevel(level);
    return this;
  }

  /** The resource itself, for a test that edits what this builder does not cover. */
  public ServerSideSync resource() {
    return sync;
  }

  /** The manifest as YAML. */
  public String yaml() {
    return RunnerManifest.render(sync);
  }

  /** Writes the manifest to {@code file}. */
  public Path write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, yaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
