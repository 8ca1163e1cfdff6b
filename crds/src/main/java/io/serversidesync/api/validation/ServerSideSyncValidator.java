package io.serversidesync.api.validation;

import io.serversidesync.api.Durations;
import io.serversidesync.api.Quantities;
import io.serversidesync.api.v1alpha1.BatchingSpec;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.Identifiers;
import io.serversidesync.api.v1alpha1.PostgresConnection;
import io.serversidesync.api.v1alpha1.RateLimitSpec;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import io.serversidesync.api.v1alpha1.SourceSpec;
import io.serversidesync.api.v1alpha1.TwoWaySpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a {@link ServerSideSync} completely, without an API server.
 *
 * <p>It repeats what the CRD schema and its CEL rules check, because the runner's local mode reads
 * manifests that never went through an API server, and adds the checks CEL cannot express (duration
 * and quantity ranges, API version floor, resource name length for the slot name). It returns every
 * problem at once, each with its field path; an empty list means valid.
 */
public final class ServerSideSyncValidator {

  /** Replication slot names are at most 63 bytes; the runner names them {@code sss_<name>}. */
  public static final int MAX_NAME_LENGTH = 63 - "sss_".length();

  private static final String COLUMN_RULE =
      "must be an unquoted lower-case Postgres identifier (letters, digits, _; at most 63)";
  static final String FIELD_RULE =
      "must be an API name: a letter, then letters, digits or _ (e.g. Email, Customer_Ref__c)";
  private static final String SECRET_NAME_RULE =
      "must be a Kubernetes name: lower-case letters, digits, - and .";
  private static final Duration MAX_DELAY_LIMIT = Duration.ofHours(1);

  /** Validates the manifest and returns every problem found. */
  public List<Violation> validate(ServerSideSync sync) {
    Violations v = new Violations();
    validateName(sync, v);
    ServerSideSyncSpec spec = sync.getSpec();
    if (v.required("spec", spec)) {
      validateSource(spec.getSource(), v);
      DestinationSpecRules.check(spec.getDestination(), v);
      validateMapping(spec, v);
      ReferenceRules.check(spec, v);
      validateBatching(spec.getBatching(), v);
      validateRateLimit(spec.getRateLimit(), v);
      validateTwoWay(spec, v);
      if (spec.getRunner() != null && spec.getRunner().getPod() != null) {
        RunnerPodTemplateRules.check("spec.runner.pod", spec.getRunner().getPod(), v);
      }
      v.required("spec.deletes", spec.getDeletes());
      v.required("spec.deletionPolicy", spec.getDeletionPolicy());
    }
    return v.list();
  }

  private static void validateName(ServerSideSync sync, Violations v) {
    String name = sync.getMetadata() == null ? null : sync.getMetadata().getName();
    if (v.required("metadata.name", name)) {
      v.matches(
          "metadata.name",
          name,
          "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
          "must be lower-case letters, digits and -, starting and ending with a letter or digit");
      if (name.length() > MAX_NAME_LENGTH) {
        v.add(
            "metadata.name",
            "at most "
                + MAX_NAME_LENGTH
                + " characters (the replication slot is named sss_<name>), got "
                + name.length());
      }
    }
  }

  private static void validateSource(SourceSpec source, Violations v) {
    if (!v.required("spec.source", source)) {
      return;
    }
    PostgresConnection pg = source.getPostgres();
    if (v.required("spec.source.postgres", pg)) {
      v.required(
          "spec.source.postgres.host", pg.getHost(), "the host name or IP address of the primary");
      v.inRange("spec.source.postgres.port", pg.getPort(), 1, 65535);
      v.required(
          "spec.source.postgres.database", pg.getDatabase(), "the database that holds the table");
      if (v.required("spec.source.postgres.credentialsSecretRef", pg.getCredentialsSecretRef())) {
        var ref = pg.getCredentialsSecretRef();
        secretName("spec.source.postgres.credentialsSecretRef.name", ref.getName(), v);
        secretKey("spec.source.postgres.credentialsSecretRef.usernameKey", ref.getUsernameKey(), v);
        secretKey("spec.source.postgres.credentialsSecretRef.passwordKey", ref.getPasswordKey(), v);
      }
      v.required("spec.source.postgres.sslMode", pg.getSslMode());
      if (pg.getSslRootCertSecretRef() != null) {
        secretName(
            "spec.source.postgres.sslRootCertSecretRef.name",
            pg.getSslRootCertSecretRef().getName(),
            v);
        secretKey(
            "spec.source.postgres.sslRootCertSecretRef.key",
            pg.getSslRootCertSecretRef().getKey(),
            v);
      }
    }
    if (v.required(
        "spec.source.table",
        source.getTable(),
        "write table or schema.table, e.g. public.contacts")) {
      v.matches(
          "spec.source.table",
          source.getTable(),
          Identifiers.TABLE_PATTERN,
          "write table or schema.table with unquoted lower-case identifiers");
    }
    if (v.required(
        "spec.source.upsertKey",
        source.getUpsertKey(),
        "the column holding the customer-managed unique identifier, e.g. customer_ref")) {
      v.matches(
          "spec.source.upsertKey", source.getUpsertKey(), Identifiers.COLUMN_PATTERN, COLUMN_RULE);
    }
    String filter = source.getFilter();
    if (filter != null) {
      if (filter.isBlank()) {
        v.add("spec.source.filter", "empty; remove the field to sync every row");
      } else if (filter.length() > 4096) {
        v.add("spec.source.filter", "at most 4096 characters");
      } else {
        RowFilterText.problem(filter).ifPresent(p -> v.add("spec.source.filter", p));
      }
    }
  }

  private static void validateMapping(ServerSideSyncSpec spec, Violations v) {
    List<FieldMapping> mapping = spec.getMapping();
    if (mapping == null || mapping.isEmpty()) {
      v.add(
          "spec.mapping",
          "required: list at least the upsert key, e.g. {column: customer_ref, field:"
              + " Customer_Ref__c}");
      return;
    }
    if (mapping.size() > 500) {
      v.add("spec.mapping", "at most 500 entries, got " + mapping.size());
    }
    Map<String, Integer> columns = new HashMap<>();
    Map<String, Integer> fields = new HashMap<>();
    for (int i = 0; i < mapping.size(); i++) {
      String path = "spec.mapping[" + i + "]";
      FieldMapping entry = mapping.get(i);
      if (entry == null) {
        v.add(path, "required: an entry with column and field");
        continue;
      }
      if (v.required(path + ".column", entry.getColumn())) {
        v.matches(path + ".column", entry.getColumn(), Identifiers.COLUMN_PATTERN, COLUMN_RULE);
        Integer first = columns.putIfAbsent(entry.getColumn(), i);
        if (first != null) {
          v.add(
              path + ".column",
              "duplicate column \""
                  + entry.getColumn()
                  + "\" (already mapped by spec.mapping["
                  + first
                  + "]); map each column once");
        }
      }
      if (v.required(path + ".field", entry.getField())) {
        v.matches(path + ".field", entry.getField(), Identifiers.FIELD_PATTERN, FIELD_RULE);
        Integer first = fields.putIfAbsent(entry.getField(), i);
        if (first != null) {
          v.add(
              path + ".field",
              "duplicate field \""
                  + entry.getField()
                  + "\" (already populated by spec.mapping["
                  + first
                  + "]); populate each field once");
        }
      }
    }
    String key = spec.getSource() == null ? null : spec.getSource().getUpsertKey();
    String externalId =
        spec.getDestination() == null ? null : spec.getDestination().getExternalIdField();
    if (key != null && !key.isEmpty()) {
      Integer keyIndex = columns.get(key);
      if (keyIndex == null) {
        v.add(
            "spec.source.upsertKey",
            "\""
                + key
                + "\" must be one of spec.mapping[].column; add {column: "
                + key
                + ", field: "
                + (externalId == null ? "<external id field>" : externalId)
                + "}");
      } else if (externalId != null && !externalId.equals(mapping.get(keyIndex).getField())) {
        v.add(
            "spec.mapping[" + keyIndex + "].field",
            "the upsert key \""
                + key
                + "\" must map to spec.destination.externalIdField \""
                + externalId
                + "\" (upserts are keyed by that field), not \""
                + mapping.get(keyIndex).getField()
                + "\"");
      }
    }
  }

  private static void validateBatching(BatchingSpec batching, Violations v) {
    if (!v.required("spec.batching", batching)) {
      return;
    }
    v.inRange("spec.batching.maxRecords", batching.getMaxRecords(), 1, 200);
    Duration maxDelay = duration("spec.batching.maxDelay", batching.getMaxDelay(), v);
    if (maxDelay != null && (maxDelay.isZero() || maxDelay.compareTo(MAX_DELAY_LIMIT) > 0)) {
      v.add(
          "spec.batching.maxDelay",
          batching.getMaxDelay() + " is out of range: must be more than 0 and at most 1h");
    }
    if (batching.getBulkThreshold() != null && batching.getBulkThreshold() < 201) {
      v.add(
          "spec.batching.bulkThreshold",
          batching.getBulkThreshold()
              + " is too small: must be at least 201 (up to 200 records fit one sObject"
              + " Collections call); remove it to let the planner decide");
    }
    if (batching.getMaxPendingKeys() < 1) {
      v.add("spec.batching.maxPendingKeys", "must be at least 1");
    }
    if (v.required("spec.batching.maxPendingMemory", batching.getMaxPendingMemory())) {
      try {
        long bytes = Quantities.parseBytes(batching.getMaxPendingMemory());
        if (bytes < (1L << 20)) {
          v.add("spec.batching.maxPendingMemory", "must be at least 1Mi");
        }
      } catch (IllegalArgumentException e) {
        v.add("spec.batching.maxPendingMemory", e.getMessage());
      }
    }
  }

  private static void validateRateLimit(RateLimitSpec rateLimit, Violations v) {
    if (!v.required("spec.rateLimit", rateLimit)) {
      return;
    }
    v.inRange("spec.rateLimit.requestsPerSecond", rateLimit.getRequestsPerSecond(), 1, 1000);
    v.inRange("spec.rateLimit.maxConcurrent", rateLimit.getMaxConcurrent(), 1, 25);
    if (v.required("spec.rateLimit.dailyQuotaShare", rateLimit.getDailyQuotaShare())) {
      v.matches(
          "spec.rateLimit.dailyQuotaShare",
          rateLimit.getDailyQuotaShare(),
          Identifiers.PERCENT_PATTERN,
          "must be a percentage from 1% to 100%, e.g. 20%");
    }
  }

  private static void validateTwoWay(ServerSideSyncSpec spec, Violations v) {
    TwoWaySpec twoWay = spec.getTwoWay();
    if (twoWay == null) {
      return;
    }
    Duration poll = duration("spec.twoWay.pollInterval", twoWay.getPollInterval(), v);
    if (poll != null && poll.compareTo(Duration.ofSeconds(1)) < 0) {
      v.add("spec.twoWay.pollInterval", "must be at least 1s (each poll costs an API call)");
    }
    v.required("spec.twoWay.conflictPolicy", twoWay.getConflictPolicy());
    String column = twoWay.getDestinationIdColumn();
    if (!v.required("spec.twoWay.destinationIdColumn", column)) {
      return;
    }
    v.matches("spec.twoWay.destinationIdColumn", column, Identifiers.COLUMN_PATTERN, COLUMN_RULE);
    boolean isKey = spec.getSource() != null && column.equals(spec.getSource().getUpsertKey());
    boolean isMapped =
        spec.getMapping() != null
            && spec.getMapping().stream().anyMatch(m -> m != null && column.equals(m.getColumn()));
    if (isKey || isMapped) {
      v.add(
          "spec.twoWay.destinationIdColumn",
          "\""
              + column
              + "\" is "
              + (isKey ? "the upsert key" : "a mapped column")
              + "; the destination id needs a column of its own (e.g. salesforce_id)");
    }
  }

  private static Duration duration(String path, String text, Violations v) {
    if (!v.required(path, text)) {
      return null;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      v.add(path, e.getMessage());
      return null;
    }
  }

  static void secretName(String path, String name, Violations v) {
    if (v.required(path, name)) {
      v.matches(path, name, Identifiers.SECRET_NAME_PATTERN, SECRET_NAME_RULE);
    }
  }

  private static void secretKey(String path, String key, Violations v) {
    if (v.required(path, key)) {
      v.matches(path, key, Identifiers.SECRET_KEY_PATTERN, "must be letters, digits, -, _ and .");
    }
  }
}
