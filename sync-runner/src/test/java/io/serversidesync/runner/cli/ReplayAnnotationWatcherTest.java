package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayAnnotationWatcherTest {

  @TempDir Path dir;

  private static String manifest(String value) {
    return "apiVersion: serversidesync.io/v1alpha1\nkind: ServerSideSync\nmetadata:\n  name: s\n"
        + (value == null
            ? ""
            : "  annotations:\n    serversidesync.io/replay-errors: \"" + value + "\"\n");
  }

  @Test
  void reportsEachNewValueOnce() throws Exception {
    Path file = dir.resolve("sync.yaml");
    Files.writeString(file, manifest("v1"));
    List<String> seen = new CopyOnWriteArrayList<>();
    ReplayAnnotationWatcher watcher = new ReplayAnnotationWatcher(file, "v1", seen::add, 20);
    try {
      Files.writeString(file, manifest("v2"));
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("v2"));
      Files.writeString(file, "not: [yaml"); // a read during a ConfigMap swap
      Files.writeString(file, manifest("v2"));
      Files.writeString(file, manifest("v3"));
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("v3"));
      assertThat(seen).containsExactly("v2", "v3");
    } finally {
      watcher.close();
    }
    assertThat(ReplayAnnotationWatcher.annotation(manifest(null))).isNull();
  }
}
