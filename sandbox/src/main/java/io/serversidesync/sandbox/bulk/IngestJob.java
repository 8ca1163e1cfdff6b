package io.serversidesync.sandbox.bulk;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.ObjectDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** One Bulk API 2.0 ingest job. Its mutable state is guarded by the job's monitor. */
public final class IngestJob {
  private final String id;
  private final ObjectDef object;
  private final String operation;
  private final Optional<FieldDef> externalIdField;
  private final String lineEnding;
  private final ColumnDelimiter delimiter;
  private final String apiVersion;
  private final String createdById;
  private final Instant createdDate;

  private JobState state = JobState.Open;
  private Instant systemModstamp;
  private Path upload;
  private Path successFile;
  private Path failureFile;
  private Path unprocessedFile;
  private long processed;
  private long failed;
  private long processingMillis;
  private String errorMessage;

  IngestJob(
      String id,
      ObjectDef object,
      String operation,
      Optional<FieldDef> externalIdField,
      String lineEnding,
      ColumnDelimiter delimiter,
      String apiVersion,
      String createdById,
      Instant createdDate) {
    this.id = id;
    this.object = object;
    this.operation = operation;
    this.externalIdField = externalIdField;
    this.lineEnding = lineEnding;
    this.delimiter = delimiter;
    this.apiVersion = apiVersion;
    this.createdById = createdById;
    this.createdDate = createdDate;
    this.systemModstamp = createdDate;
  }

  public String id() {
    return id;
  }

  public ObjectDef object() {
    return object;
  }

  public String operation() {
    return operation;
  }

  public Optional<FieldDef> externalIdField() {
    return externalIdField;
  }

  public String lineEnding() {
    return lineEnding;
  }

  public ColumnDelimiter delimiter() {
    return delimiter;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String createdById() {
    return createdById;
  }

  public Instant createdDate() {
    return createdDate;
  }

  /** A consistent copy of the mutable part, for rendering job info. */
  public synchronized Progress progress() {
    return new Progress(state, systemModstamp, processed, failed, processingMillis, errorMessage);
  }

  /**
   * The mutable part of a job at one moment.
   *
   * @param state the job state
   * @param systemModstamp last change
   * @param processed records processed (successful and failed)
   * @param failed records failed
   * @param processingMillis time spent processing
   * @param errorMessage why the job failed, or null
   */
  public record Progress(
      JobState state,
      Instant systemModstamp,
      long processed,
      long failed,
      long processingMillis,
      String errorMessage) {}

  synchronized JobState state() {
    return state;
  }

  synchronized void state(JobState newState, Instant at) {
    this.state = newState;
    this.systemModstamp = at;
  }

  synchronized Path upload() {
    return upload;
  }

  synchronized void upload(Path file) {
    this.upload = file;
  }

  synchronized void results(Path success, Path failure, Path unprocessed) {
    this.successFile = success;
    this.failureFile = failure;
    this.unprocessedFile = unprocessed;
  }

  /** The success, failure and unprocessed result files (null until known). */
  public synchronized Path[] progressFiles() {
    return new Path[] {successFile, failureFile, unprocessedFile};
  }

  synchronized Path successFile() {
    return successFile;
  }

  synchronized Path failureFile() {
    return failureFile;
  }

  synchronized Path unprocessedFile() {
    return unprocessedFile;
  }

  synchronized void counted(long processedNow, long failedNow) {
    this.processed += processedNow;
    this.failed += failedNow;
  }

  synchronized void finished(JobState finalState, Instant at, long millis, String error) {
    this.state = finalState;
    this.systemModstamp = at;
    this.processingMillis = millis;
    this.errorMessage = error;
  }
}
