package io.serversidesync.runner.destination.salesforce.bulk;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The uploads of one operation: each CSV line goes straight into its job's body, split at the job
 * limits (records and bytes per job), so a 100,000-record job holds its CSV once instead of once
 * per line and once joined.
 */
final class JobUploads {

  /** The batch records one CSV line stands for, found again in the results by its key. */
  record Row(String key, List<Integer> indexes) {}

  /**
   * One job's CSV (the first {@code length()} bytes of its body) and its rows, in order. The body
   * is handed out once, to the upload: while Salesforce processes the job and the results are read,
   * only the rows are held.
   */
  static final class Upload {
    private byte[] body;
    private final int length;
    private final List<Row> rows;

    Upload(byte[] body, int length, List<Row> rows) {
      this.body = body;
      this.length = length;
      this.rows = rows;
    }

    /** The body, which this upload no longer holds after. */
    byte[] takeBody() {
      byte[] out = body;
      if (out == null) {
        throw new IllegalStateException("the body of this upload was taken already");
      }
      body = null;
      return out;
    }

    int length() {
      return length;
    }

    List<Row> rows() {
      return rows;
    }

    List<Integer> indexes() {
      return rows.stream().flatMap(r -> r.indexes().stream()).toList();
    }
  }

  private final byte[] header;
  private final BulkSettings settings;
  private final int expectedRows;
  private int done;
  private final List<Upload> uploads = new ArrayList<>();
  private Buffer body;
  private List<Row> rows = new ArrayList<>();

  /**
   * @param expectedRows how many rows will be added: the first body is sized for them from the
   *     first line's length, so that a large job's CSV is not copied as it grows
   */
  JobUploads(byte[] header, BulkSettings settings, int expectedRows) {
    this.header = header;
    this.settings = settings;
    this.expectedRows = expectedRows;
  }

  void add(String key, List<Integer> indexes, byte[] line) {
    if (body != null
        && (rows.size() >= settings.maxRecordsPerJob()
            || body.size() + line.length > settings.maxBytesPerJob())) {
      close();
    }
    if (body == null) {
      long rowsLeft = Math.min(expectedRows - (long) done, settings.maxRecordsPerJob());
      long estimate = Math.min(rowsLeft * line.length * 5 / 4, settings.maxBytesPerJob());
      body = new Buffer((int) Math.max(header.length + estimate, header.length + line.length));
      body.writeBytes(header);
    }
    body.writeBytes(line);
    rows.add(new Row(key, indexes));
    done++;
  }

  List<Upload> finish() {
    if (body != null) {
      close();
    }
    return uploads;
  }

  private void close() {
    uploads.add(new Upload(body.bytes(), body.size(), List.copyOf(rows)));
    body = null;
    rows = new ArrayList<>();
  }

  /** Hands out its array instead of a copy: the upload sends the first size() bytes of it. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int capacity) {
      super(capacity);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
