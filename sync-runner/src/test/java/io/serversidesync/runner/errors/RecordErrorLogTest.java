package io.serversidesync.runner.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.serversidesync.runner.testing.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Record errors reach the log sampled: per code, the first at once, then one line a minute. */
class RecordErrorLogTest {

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(RecordErrorLog.class);

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  private static List<ErrorEntry> failures(String code, int n, int from) {
    List<ErrorEntry> entries = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      entries.add(
          new ErrorEntry(
              "C-" + i,
              0,
              code,
              "Birthdate: value not of required type: ada.lovelace@example.com",
              List.of("Birthdate"),
              "{\"email\": \"ada.lovelace@example.com\"}",
              1));
    }
    return entries;
  }

  @Test
  void oneLinePerCodePerMinuteWithACountAKeyAndNoValues() {
    MovableClock clock = new MovableClock();
    RecordErrorLog log = new RecordErrorLog(clock);
    log.recorded(failures("INVALID_TYPE", 200, 1));
    log.recorded(failures("INVALID_TYPE", 200, 201));
    log.recorded(failures("STRING_TOO_LONG", 1, 401));
    clock.advance(Duration.ofSeconds(30));
    log.recorded(failures("INVALID_TYPE", 100, 402));
    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(2);

    clock.advance(Duration.ofSeconds(31));
    log.recorded(failures("INVALID_TYPE", 1, 502));
    List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages)
        .containsExactly(
            "200 record(s) failed with INVALID_TYPE on Birthdate (e.g. key C-200);"
                + " `sync-runner errors list` shows them",
            "1 record(s) failed with STRING_TOO_LONG on Birthdate (e.g. key C-401);"
                + " `sync-runner errors list` shows them",
            "301 record(s) failed with INVALID_TYPE on Birthdate (e.g. key C-502) in the last"
                + " minute; `sync-runner errors list` shows them");
    assertThat(messages).noneMatch(m -> m.contains("ada.lovelace"));
  }
}
