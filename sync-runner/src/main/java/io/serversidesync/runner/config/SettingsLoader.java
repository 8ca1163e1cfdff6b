package io.serversidesync.runner.config;

import io.serversidesync.api.Durations;
import io.serversidesync.api.Quantities;
import io.serversidesync.api.manifest.InvalidManifestException;
import io.serversidesync.api.manifest.ManifestReader;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.CredentialsSecretRef;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.ParentReference;
import io.serversidesync.api.v1alpha1.PostgresConnection;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import io.serversidesync.api.v1alpha1.TwoWaySpec;
import io.serversidesync.runner.destination.SecretLookup;
import java.nio.file.Path;
import java.util.Map;

/** Turns a ServerSideSync manifest and its Secrets into {@link SyncSettings}. */
public final class SettingsLoader {

  private SettingsLoader() {}

  /** Reads, validates and resolves the manifest at {@code config}. */
  public static LoadedSync load(Path config, SecretLookup secrets) throws ConfigException {
    ServerSideSync sync;
    try {
      sync = new ManifestReader().read(config);
    } catch (InvalidManifestException e) {
      throw new ConfigException(e.getMessage());
    }
    return new LoadedSync(sync, settings(sync, secrets), secrets);
  }

  /** Resolves a validated manifest. */
  public static SyncSettings settings(ServerSideSync sync, SecretLookup secrets)
      throws ConfigException {
    ServerSideSyncSpec spec = sync.getSpec();
    PostgresConnection pg = spec.getSource().getPostgres();
    CredentialsSecretRef credentials = pg.getCredentialsSecretRef();
    String user = secret(secrets, credentials.getName(), credentials.getUsernameKey());
    String password = secret(secrets, credentials.getName(), credentials.getPasswordKey());
    String rootCert =
        pg.getSslRootCertSecretRef() == null
            ? null
            : secret(
                secrets,
                pg.getSslRootCertSecretRef().getName(),
                pg.getSslRootCertSecretRef().getKey());
    String table = spec.getSource().getTable();
    int dot = table.indexOf('.');
    String schema = dot < 0 ? "public" : table.substring(0, dot);
    String tableName = dot < 0 ? table : table.substring(dot + 1);
    Map<String, String> annotations = sync.getMetadata().getAnnotations();
    return SyncSettings.builder()
        .name(sync.getMetadata().getName())
        .schema(schema)
        .table(tableName)
        .upsertKey(spec.getSource().getUpsertKey())
        .mapping(spec.getMapping().stream().map(SettingsLoader::fieldMap).toList())
        .filter(spec.getSource().getFilter())
        .capture(spec.getSource().getCapture())
        .deletes(spec.getDeletes())
        .maxRecords(spec.getBatching().getMaxRecords())
        .maxDelay(Durations.parse(spec.getBatching().getMaxDelay()))
        .bulkThreshold(spec.getBatching().getBulkThreshold())
        .maxPendingKeys(spec.getBatching().getMaxPendingKeys())
        .maxPendingBytes(Quantities.parseBytes(spec.getBatching().getMaxPendingMemory()))
        .maxConcurrent(spec.getRateLimit().getMaxConcurrent())
        .postgres(
            new PostgresSettings(
                pg.getHost(),
                pg.getPort(),
                pg.getDatabase(),
                user.strip(),
                password,
                pg.getSslMode(),
                rootCert))
        .replayErrorsRequest(
            annotations == null ? null : annotations.get(RunnerContract.REPLAY_ERRORS_ANNOTATION))
        .twoWay(twoWay(spec.getTwoWay()))
        .build();
  }

  private static TwoWaySettings twoWay(TwoWaySpec spec) {
    if (spec == null) {
      return null;
    }
    return new TwoWaySettings(
        Durations.parse(spec.getPollInterval()),
        spec.getDestinationIdColumn(),
        spec.getConflictPolicy(),
        TwoWaySettings.DEFAULT_PAGE_SIZE);
  }

  private static String secret(SecretLookup secrets, String name, String key)
      throws ConfigException {
    try {
      return secrets.get(name, key);
    } catch (SecretLookup.MissingSecretException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static FieldMap fieldMap(FieldMapping m) {
    ParentReference reference = m.getReference();
    if (reference == null) {
      return new FieldMap(m.getColumn(), m.getField());
    }
    return new FieldMap(
        m.getColumn(),
        m.getField(),
        new ParentLink(
            reference.getObject(),
            reference.getExternalIdField(),
            Durations.parse(reference.getWaitForParent()),
            reference.getIdColumn()));
  }
}
