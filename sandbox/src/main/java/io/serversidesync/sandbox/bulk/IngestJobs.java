package io.serversidesync.sandbox.bulk;

import io.serversidesync.sandbox.quota.ApiUsage;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.store.SandboxClock;
import io.serversidesync.sandbox.write.UpsertService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest jobs of the org, their uploads on disk and the worker that processes closed jobs one
 * after the other, off the request threads.
 */
public final class IngestJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJobs.class);

  /** Salesforce's limit is 150 MB after base64; raw CSV beyond that is refused. */
  public static final long MAX_UPLOAD_BYTES = 150L * 1000 * 1000;

  private final RecordStore store;
  private final SandboxClock clock;
  private final BulkProcessor processor;
  private final long startDelayMillis;
  private final Path workDir;
  private final Map<String, IngestJob> jobs = new LinkedHashMap<>();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "sandbox-bulk");
            t.setDaemon(true);
            return t;
          });

  public IngestJobs(
      RecordStore store,
      UpsertService writes,
      SandboxClock clock,
      ApiUsage usage,
      long startDelayMillis) {
    this.store = store;
    this.clock = clock;
    this.startDelayMillis = startDelayMillis;
    try {
      this.workDir = Files.createTempDirectory("sandbox-bulk-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for Bulk uploads", e);
    }
    this.processor = new BulkProcessor(store.schema(), writes, clock, usage, workDir);
  }

  public synchronized IngestJob create(
      ObjectDef object,
      String operation,
      Optional<FieldDef> externalIdField,
      String lineEnding,
      ColumnDelimiter delimiter,
      String apiVersion,
      String userId) {
    IngestJob job =
        new IngestJob(
            store.nextId("750"),
            object,
            operation,
            externalIdField,
            lineEnding,
            delimiter,
            apiVersion,
            userId,
            clock.now().truncatedTo(ChronoUnit.SECONDS));
    jobs.put(job.id(), job);
    return job;
  }

  public synchronized Optional<IngestJob> get(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  public synchronized List<IngestJob> list() {
    return new ArrayList<>(jobs.values());
  }

  /** Streams the CSV to disk; one upload per job, only while the job is Open. */
  public void upload(IngestJob job, InputStream body) throws JobStateException, IOException {
    synchronized (job) {
      if (job.state() != JobState.Open) {
        throw new JobStateException(
            "INVALIDJOBSTATE",
            "Job " + job.id() + " is in state " + job.state() + "; uploads need Open");
      }
      if (job.upload() != null) {
        throw new JobStateException(
            "BULK_API_ERROR",
            "Found multiple contents for job: <"
                + job.id()
                + ">, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and"
                + " make sure you only do 'PUT' once on a given Job.");
      }
      Path file = Files.createTempFile(workDir, job.id(), "-upload.csv");
      boolean tooLarge = false;
      try (OutputStream out = Files.newOutputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = body.read(buffer)) != -1) {
          total += n;
          if (total > MAX_UPLOAD_BYTES) {
            tooLarge = true;
            break;
          }
          out.write(buffer, 0, n);
        }
      }
      if (tooLarge) {
        Files.deleteIfExists(file);
        throw new JobStateException(
            "BULK_API_ERROR", "The upload exceeds the maximum of " + MAX_UPLOAD_BYTES + " bytes");
      }
      job.upload(file);
    }
  }

  /** {@code UploadComplete}: queues the job for processing. */
  public IngestJob.Progress uploadComplete(IngestJob job) throws JobStateException {
    IngestJob.Progress closed;
    synchronized (job) {
      if (job.state() != JobState.Open) {
        throw invalidTransition(job, JobState.UploadComplete);
      }
      job.state(JobState.UploadComplete, clock.now());
      closed = job.progress();
    }
    worker.execute(
        () -> {
          synchronized (job) {
            if (job.state() != JobState.UploadComplete) {
              return;
            }
            job.state(JobState.InProgress, clock.now());
          }
          if (startDelayMillis > 0) {
            try {
              Thread.sleep(startDelayMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          processor.process(job);
        });
    return closed;
  }

  public IngestJob.Progress abort(IngestJob job) throws JobStateException {
    synchronized (job) {
      if (job.state().finished()) {
        throw invalidTransition(job, JobState.Aborted);
      }
      job.state(JobState.Aborted, clock.now());
      if (job.unprocessedFile() == null && job.upload() != null) {
        // Aborted before processing: every uploaded record is unprocessed.
        job.results(null, null, job.upload());
      }
      return job.progress();
    }
  }

  public void delete(IngestJob job) throws JobStateException {
    synchronized (job) {
      if (job.state() == JobState.InProgress || job.state() == JobState.UploadComplete) {
        throw new JobStateException(
            "INVALIDJOBSTATE",
            "Job " + job.id() + " is " + job.state() + "; abort it or wait until it finishes");
      }
    }
    synchronized (this) {
      jobs.remove(job.id());
    }
    deleteFiles(job);
  }

  private static JobStateException invalidTransition(IngestJob job, JobState to) {
    return new JobStateException(
        "INVALIDJOBSTATE", "Invalid job state transition from " + job.state() + " to " + to);
  }

  /** Forgets every job and its files. */
  public synchronized void clear() {
    for (IngestJob job : jobs.values()) {
      synchronized (job) {
        if (!job.state().finished()) {
          job.state(JobState.Aborted, clock.now());
        }
      }
      deleteFiles(job);
    }
    jobs.clear();
  }

  private static void deleteFiles(IngestJob job) {
    for (Path p :
        new Path[] {job.upload(), job.successFile(), job.failureFile(), job.unprocessedFile()}) {
      if (p != null) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // A leftover temp file is harmless: the whole directory goes when the sandbox closes.
          LOG.debug("cannot delete {} of job {}", p, job.id(), e);
        }
      }
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + workDir, e);
    }
  }
}
