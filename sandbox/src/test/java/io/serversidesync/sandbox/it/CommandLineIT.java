package io.serversidesync.sandbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shaded jar as a user runs it (built by the package phase before Failsafe runs). */
@Tag("integration")
class CommandLineIT {

  @Test
  void jarPrintsTheListeningLineAndServes() throws Exception {
    Path jar = Path.of("target", "sandbox.jar");
    assertThat(jar).exists();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--port",
                "0",
                "--daily-api-limit",
                "500")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).matches("sandbox listening on http://127\\.0\\.0\\.1:\\d+");
      String url = line.substring("sandbox listening on ".length());
      try (Response r =
          new OkHttpClient()
              .newCall(new Request.Builder().url(url + "/services/data/").build())
              .execute()) {
        assertThat(r.code()).isEqualTo(200);
      }
    } finally {
      p.destroy();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void hubSpotFlagsSetTokenLimitsAndTimeZone() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                "target/sandbox.jar",
                "--port",
                "0",
                "--hubspot-token",
                "pat-cli",
                "--hubspot-burst",
                "7",
                "--hubspot-daily-limit",
                "900",
                "--hubspot-time-zone",
                "Europe/Paris")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String url = out.readLine().substring("sandbox listening on ".length());
      try (Response r =
          new OkHttpClient()
              .newCall(
                  new Request.Builder()
                      .url(url + "/account-info/v3/details")
                      .header("Authorization", "Bearer pat-cli")
                      .build())
              .execute()) {
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header("X-HubSpot-RateLimit-Max")).isEqualTo("7");
        assertThat(r.header("X-HubSpot-RateLimit-Daily")).isEqualTo("900");
        assertThat(r.body().string()).contains("\"timeZone\":\"Europe/Paris\"");
      }
    } finally {
      p.destroy();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void busyPortIsReportedWithExitCode1() throws Exception {
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  "target/sandbox.jar",
                  "--port",
                  Integer.toString(busy.getLocalPort()))
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(output)
          .contains("cannot listen on 127.0.0.1:" + busy.getLocalPort())
          .contains("pick another --port or 0");
    }
  }

  @Test
  void badObjectsFileIsReportedWithExitCode2() throws Exception {
    Path yaml = Files.createTempFile("objects", ".yaml");
    Files.writeString(yaml, "objects:\n  - name: Thing__c\n    keyPrefix: a0\n    fields: []\n");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                "target/sandbox.jar",
                "--port",
                "0",
                "--objects",
                yaml.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(output).contains("needs a 3-character keyPrefix");
    Files.delete(yaml);
  }
}
