package io.serversidesync.sandbox.bulk;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import io.serversidesync.sandbox.quota.ApiUsage;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.Fields;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.schema.Schema;
import io.serversidesync.sandbox.store.SalesforceId;
import io.serversidesync.sandbox.store.SandboxClock;
import io.serversidesync.sandbox.write.RecordError;
import io.serversidesync.sandbox.write.RecordInput;
import io.serversidesync.sandbox.write.SaveResult;
import io.serversidesync.sandbox.write.UpsertService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes an uploaded job: reads the CSV in internal batches of 10,000 records (as Salesforce
 * does), writes each through the same code as the REST API, and streams the result CSVs to files.
 */
final class BulkProcessor {
  static final int INTERNAL_BATCH = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(BulkProcessor.class);

  private final Schema schema;
  private final UpsertService writes;
  private final SandboxClock clock;
  private final ApiUsage usage;
  private final Path workDir;

  BulkProcessor(
      Schema schema, UpsertService writes, SandboxClock clock, ApiUsage usage, Path workDir) {
    this.schema = schema;
    this.writes = writes;
    this.clock = clock;
    this.usage = usage;
    this.workDir = workDir;
  }

  void process(IngestJob job) {
    long started = System.nanoTime();
    try {
      String error = run(job);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (job.state() == JobState.Aborted) {
        return;
      }
      job.finished(
          error == null ? JobState.JobComplete : JobState.Failed, clock.now(), millis, error);
    } catch (IOException | RuntimeException e) {
      LOG.error("bulk job {} failed in the sandbox", job.id(), e);
      job.finished(
          JobState.Failed,
          clock.now(),
          (System.nanoTime() - started) / 1_000_000,
          "InternalServerError : " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Processes the job; returns the job-level error message, or null when the job completes. */
  private String run(IngestJob job) throws IOException {
    Path upload = job.upload();
    if (upload == null) {
      return "InvalidBatch : No data was uploaded to this job";
    }
    job.results(null, null, upload);
    String ending = CsvFiles.firstLineEnding(upload);
    if (ending != null && !ending.equals(job.lineEnding())) {
      return "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is "
          + job.lineEnding();
    }
    char delimiter = job.delimiter().character();
    try (MappingIterator<String[]> rows = CsvFiles.read(upload, delimiter)) {
      if (!rows.hasNextValue()) {
        return "InvalidBatch : The uploaded data has no header row";
      }
      String[] header = rows.nextValue();
      CsvHeader.Resolved resolved = CsvHeader.resolve(schema, job.object(), header);
      String headerError =
          resolved.error() != null ? resolved.error() : checkColumns(job, resolved.columns());
      if (headerError != null) {
        return headerError;
      }
      List<CsvColumn> columns = resolved.columns();
      Path success = Files.createTempFile(workDir, job.id(), "-success.csv");
      Path failure = Files.createTempFile(workDir, job.id(), "-failure.csv");
      Path unprocessed = Files.createTempFile(workDir, job.id(), "-unprocessed.csv");
      try (SequenceWriter ok = CsvFiles.write(success, delimiter);
          SequenceWriter bad = CsvFiles.write(failure, delimiter);
          SequenceWriter left = CsvFiles.write(unprocessed, delimiter)) {
        ok.write(concat(new String[] {"sf__Id", "sf__Created"}, header));
        bad.write(concat(new String[] {"sf__Id", "sf__Error"}, header));
        left.write(header);
        List<String[]> chunk = new ArrayList<>(INTERNAL_BATCH);
        while (rows.hasNextValue()) {
          chunk.add(rows.nextValue());
          if (chunk.size() == INTERNAL_BATCH) {
            if (!processChunk(job, columns, chunk, ok, bad, left)) {
              break;
            }
            chunk.clear();
          }
        }
        if (!chunk.isEmpty() && job.state() != JobState.Aborted) {
          processChunk(job, columns, chunk, ok, bad, left);
        }
        while (job.state() == JobState.Aborted && rows.hasNextValue()) {
          left.write(rows.nextValue());
        }
      }
      job.results(success, failure, unprocessed);
      return null;
    }
  }

  /**
   * Writes one internal batch; false when the job was aborted meanwhile (rows left unprocessed).
   */
  private boolean processChunk(
      IngestJob job,
      List<CsvColumn> columns,
      List<String[]> chunk,
      SequenceWriter ok,
      SequenceWriter bad,
      SequenceWriter left)
      throws IOException {
    if (job.state() == JobState.Aborted) {
      for (String[] row : chunk) {
        left.write(row);
      }
      return false;
    }
    usage.bulkBatches().consume(1);
    List<SaveResult> results = write(job, columns, chunk);
    long failed = 0;
    for (int i = 0; i < chunk.size(); i++) {
      SaveResult r = results.get(i);
      String[] row = chunk.get(i);
      if (r.success()) {
        ok.write(concat(new String[] {r.id(), Boolean.toString(r.created())}, row));
      } else {
        failed++;
        bad.write(
            concat(new String[] {r.id() == null ? "" : r.id(), r.firstError().bulkText()}, row));
      }
    }
    job.counted(chunk.size(), failed);
    return true;
  }

  private List<SaveResult> write(IngestJob job, List<CsvColumn> columns, List<String[]> chunk) {
    ObjectDef object = job.object();
    switch (job.operation()) {
      case "delete", "hardDelete" -> {
        int idColumn = indexOf(columns, Fields.ID);
        List<String> ids =
            chunk.stream().map(row -> idColumn < row.length ? row[idColumn] : "").toList();
        return writes.deleteByIds(ids, false);
      }
      case "upsert" -> {
        List<RecordInput> inputs =
            chunk.stream().map(row -> CsvRows.toInput(columns, row)).toList();
        return writes.upsert(object, job.externalIdField().orElseThrow(), inputs, false);
      }
      case "insert" -> {
        List<RecordInput> inputs =
            writes.resolveParents(
                chunk.stream().map(row -> CsvRows.toInput(columns, row)).toList());
        List<SaveResult> out = new ArrayList<>(chunk.size());
        for (RecordInput in : inputs) {
          out.add(
              in.conversionError().isPresent()
                  ? SaveResult.failed(null, in.conversionError().get())
                  : writes.create(object, in));
        }
        return out;
      }
      default -> {
        int idColumn = indexOf(columns, Fields.ID);
        List<RecordInput> inputs =
            writes.resolveParents(
                chunk.stream()
                    .map(row -> CsvRows.toInput(columns, cleared(row, idColumn)))
                    .toList());
        List<SaveResult> out = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
          String[] row = chunk.get(i);
          String id = idColumn < row.length ? row[idColumn] : "";
          RecordInput in = inputs.get(i);
          Optional<String> canonical = SalesforceId.canonical(id);
          if (in.conversionError().isPresent()) {
            out.add(SaveResult.failed(null, in.conversionError().get()));
          } else if (canonical.isEmpty()) {
            out.add(SaveResult.failed(null, RecordError.of("MALFORMED_ID", "malformed id " + id)));
          } else {
            out.add(
                writes
                    .update(object, canonical.get(), in)
                    .orElse(
                        SaveResult.failed(
                            null,
                            RecordError.of(
                                "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"))));
          }
        }
        return out;
      }
    }
  }

  /** The row without the cell of one column (an update's Id is the target, not a value). */
  private static String[] cleared(String[] row, int column) {
    String[] copy = row.clone();
    if (column < copy.length) {
      copy[column] = "";
    }
    return copy;
  }

  private static int indexOf(List<CsvColumn> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i) instanceof CsvColumn.Field f && f.field().name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("header was checked for " + name);
  }

  /** The columns the operation needs: the external id for upsert, Id for update and delete. */
  private static String checkColumns(IngestJob job, List<CsvColumn> columns) {
    boolean hasId =
        columns.stream()
            .anyMatch(c -> c instanceof CsvColumn.Field f && f.field().name().equals(Fields.ID));
    switch (job.operation()) {
      case "upsert" -> {
        FieldDef ext = job.externalIdField().orElseThrow();
        if (columns.stream().noneMatch(c -> c.is(ext))) {
          return "InvalidBatch : The External ID field " + ext.name() + " is not in the CSV header";
        }
      }
      case "delete", "hardDelete", "update" -> {
        if (!hasId) {
          return "InvalidBatch : Field name not found : Id";
        }
      }
      default -> {}
    }
    return null;
  }

  private static String[] concat(String[] first, String[] rest) {
    String[] out = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, out, first.length, rest.length);
    return out;
  }
}
