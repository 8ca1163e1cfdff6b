package io.serversidesync.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.serversidesync.api.runner.RunnerContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the mounted manifest for a new value of the replay-errors annotation: a ConfigMap update
 * reaches the pod's files without a restart, and the user expects the replay to happen.
 */
final class ReplayAnnotationWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplayAnnotationWatcher.class);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path config;
  private final Consumer<String> onNewValue;
  private final ScheduledExecutorService timer;
  private String last;

  ReplayAnnotationWatcher(Path config, String initial, Consumer<String> onNewValue, long periodMs) {
    this.config = config;
    this.last = initial;
    this.onNewValue = onNewValue;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "config-watch");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::check, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /** The annotation's value in a manifest text, or null. */
  static String annotation(String manifest) throws IOException {
    JsonNode value =
        YAML.readTree(manifest)
            .path("metadata")
            .path("annotations")
            .path(RunnerContract.REPLAY_ERRORS_ANNOTATION);
    return value.isTextual() ? value.asText() : null;
  }

  private void check() {
    try {
      String value = annotation(Files.readString(config));
      if (value != null && !Objects.equals(value, last)) {
        last = value;
        log.info("replay-errors annotation changed to {}", value);
        onNewValue.accept(value);
      }
    } catch (IOException | RuntimeException e) {
      // a ConfigMap update swaps a symlink: a read in between may fail; the next one succeeds
      log.debug("cannot read {}: {}", config, e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
