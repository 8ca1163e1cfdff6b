package io.serversidesync.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.operator.testing.LogLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The operator's logback.xml: one structured line per event whatever the message holds (quotes,
 * backslashes, line breaks, an exception with a cause), naming the resource being reconciled.
 */
class LogFormatTest {

  private static final String MESSAGE = "status of \"orders\" in C:\\sync\nnext line";

  @Test
  void logfmtIsOneKeyValueLinePerEventWithTheExceptionInOneField() throws Exception {
    List<String> lines = log("logfmt");

    assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).matches(LogLines.LOGFMT));
    Map<String, String> first = LogLines.logfmt(lines.get(0));
    assertThat(first)
        .containsEntry("level", "INFO")
        .containsEntry("namespace", "apps")
        .containsEntry("sync", "orders")
        .containsEntry("logger", "Reconciler")
        .containsEntry("thread", "main")
        .containsEntry("msg", MESSAGE)
        .doesNotContainKey("error");
    Map<String, String> failure = LogLines.logfmt(lines.get(1));
    assertThat(failure).containsEntry("level", "WARN").containsEntry("msg", "reconcile failed");
    assertThat(failure.get("error"))
        .startsWith("java.lang.IllegalStateException: the API server said \"no\"")
        .contains("Caused by: java.io.IOException: connection reset");
    assertThat(LogLines.logfmt(lines.get(2)))
        .containsEntry("namespace", "-")
        .containsEntry("sync", "-");
  }

  @Test
  void jsonIsOneObjectPerEventWithTheResourceInTheMdc() throws Exception {
    List<String> lines = log("json");

    assertThat(lines).hasSize(3);
    JsonNode first = LogLines.json(lines.get(0));
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("formattedMessage").asText()).isEqualTo(MESSAGE);
    assertThat(first.path("mdc").path("resource.name").asText()).isEqualTo("orders");
    assertThat(first.path("mdc").path("resource.namespace").asText()).isEqualTo("apps");
    JsonNode failure = LogLines.json(lines.get(1));
    assertThat(failure.path("throwable").path("cause").path("message").asText())
        .isEqualTo("connection reset");
  }

  /** Logs three events through logback.xml with SSS_LOG_FORMAT = format; returns stdout's lines. */
  private static List<String> log(String format) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter()); // the one org.slf4j.MDC writes to
    context.putProperty("SSS_LOG_FORMAT", format);
    context.putProperty("SSS_LOG_LEVEL", "INFO");
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
      Logger log = context.getLogger("io.serversidesync.operator.reconciler.Reconciler");
      MDC.put("resource.namespace", "apps");
      MDC.put("resource.name", "orders");
      try {
        log.info(MESSAGE);
        log.warn(
            "reconcile failed",
            new IllegalStateException(
                "the API server said \"no\"", new java.io.IOException("connection reset")));
      } finally {
        MDC.clear();
      }
      log.info("watching all namespaces");
    } finally {
      context.stop();
      System.setOut(stdout);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
