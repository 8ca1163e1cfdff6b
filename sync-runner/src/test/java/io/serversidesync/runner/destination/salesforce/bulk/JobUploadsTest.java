package io.serversidesync.runner.destination.salesforce.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobUploadsTest {

  private static final byte[] HEADER = "Key__c,Name\n".getBytes(StandardCharsets.US_ASCII);

  private static BulkSettings limits(int records, long bytes) {
    return new BulkSettings(
        Duration.ofSeconds(1),
        1.5,
        Duration.ofSeconds(30),
        Duration.ofMinutes(30),
        records,
        bytes,
        5);
  }

  private static byte[] line(int i) {
    return ("K-" + i + ",Name " + i + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static String csv(JobUploads.Upload upload) {
    return new String(upload.takeBody(), 0, upload.length(), StandardCharsets.US_ASCII);
  }

  @Test
  void oneJobHoldsTheHeaderAndEveryLineInOrder() {
    JobUploads uploads = new JobUploads(HEADER, BulkSettings.DEFAULT, 3);
    for (int i = 0; i < 3; i++) {
      uploads.add("K-" + i, List.of(i), line(i));
    }

    List<JobUploads.Upload> jobs = uploads.finish();

    assertThat(jobs).hasSize(1);
    assertThat(csv(jobs.get(0))).isEqualTo("Key__c,Name\nK-0,Name 0\nK-1,Name 1\nK-2,Name 2\n");
    assertThat(jobs.get(0).rows())
        .extracting(JobUploads.Row::key)
        .containsExactly("K-0", "K-1", "K-2");
    assertThat(jobs.get(0).indexes()).containsExactly(0, 1, 2);
  }

  @Test
  void aJobEndsAtMaxRecordsPerJob() {
    JobUploads uploads = new JobUploads(HEADER, limits(2, 1_000_000), 5);
    for (int i = 0; i < 5; i++) {
      uploads.add("K-" + i, List.of(i), line(i));
    }

    List<JobUploads.Upload> jobs = uploads.finish();

    assertThat(jobs).extracting(j -> j.rows().size()).containsExactly(2, 2, 1);
    assertThat(csv(jobs.get(2))).isEqualTo("Key__c,Name\nK-4,Name 4\n");
  }

  @Test
  void aJobEndsBeforeALineWouldPassMaxBytesPerJob() {
    // Header 12 bytes, each line 11: two lines make 34 bytes, a third would make 45.
    JobUploads uploads = new JobUploads(HEADER, limits(1_000, 40), 3);
    for (int i = 0; i < 3; i++) {
      uploads.add("K-" + i, List.of(i), line(i));
    }

    List<JobUploads.Upload> jobs = uploads.finish();

    assertThat(jobs).extracting(j -> j.rows().size()).containsExactly(2, 1);
    assertThat(jobs).allSatisfy(j -> assertThat(j.length()).isLessThanOrEqualTo(40));
  }

  @Test
  void linesLongerThanTheFirstStillFit() {
    JobUploads uploads = new JobUploads(HEADER, BulkSettings.DEFAULT, 2);
    uploads.add("a", List.of(0), "a,b\n".getBytes(StandardCharsets.US_ASCII));
    String longLine = "b," + "x".repeat(10_000) + "\n";
    uploads.add("b", List.of(1), longLine.getBytes(StandardCharsets.US_ASCII));

    assertThat(csv(uploads.finish().get(0))).isEqualTo("Key__c,Name\na,b\n" + longLine);
  }

  @Test
  void theBodyIsHandedOutOnce() {
    JobUploads uploads = new JobUploads(HEADER, BulkSettings.DEFAULT, 1);
    uploads.add("K-0", List.of(0), line(0));
    JobUploads.Upload upload = uploads.finish().get(0);

    upload.takeBody();

    assertThatThrownBy(upload::takeBody).isInstanceOf(IllegalStateException.class);
    assertThat(upload.rows()).hasSize(1);
  }

  @Test
  void nothingAddedIsNoJob() {
    assertThat(new JobUploads(HEADER, BulkSettings.DEFAULT, 0).finish()).isEmpty();
  }
}
