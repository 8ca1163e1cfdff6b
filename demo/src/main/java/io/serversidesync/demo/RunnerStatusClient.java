package io.serversidesync.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.runner.RunnerStatus;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Reads the runner's /status, as the operator does. */
final class RunnerStatusClient {

  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final String baseUrl;

  RunnerStatusClient(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  RunnerStatus status() throws IOException {
    try (Response response =
        http.newCall(new Request.Builder().url(baseUrl + RunnerContract.STATUS_PATH).build())
            .execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("/status answered " + response.code());
      }
      return json.readValue(response.body().byteStream(), RunnerStatus.class);
    }
  }

  /** Whether the runner answers /readyz with 200. */
  boolean ready() {
    try (Response response =
        http.newCall(new Request.Builder().url(baseUrl + RunnerContract.READINESS_PATH).build())
            .execute()) {
      return response.isSuccessful();
    } catch (IOException e) {
      return false;
    }
  }
}
