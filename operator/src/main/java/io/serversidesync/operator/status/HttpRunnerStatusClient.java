package io.serversidesync.operator.status;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads /status over HTTP with short timeouts: one slow runner must not hold a reconcile thread.
 */
public final class HttpRunnerStatusClient implements RunnerStatusClient {

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final OkHttpClient http;
  private final RunnerAddresses addresses;

  public HttpRunnerStatusClient(RunnerAddresses addresses) {
    this(
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(3))
            .callTimeout(Duration.ofSeconds(5))
            .retryOnConnectionFailure(false)
            .build(),
        addresses);
  }

  public HttpRunnerStatusClient(OkHttpClient http, RunnerAddresses addresses) {
    this.http = http;
    this.addresses = addresses;
  }

  @Override
  public RunnerObservation fetch(ServerSideSync sync) {
    String url = addresses.baseUri(sync).resolve(RunnerContract.STATUS_PATH).toString();
    Request request = new Request.Builder().url(url).get().build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful() || body == null) {
        return new RunnerObservation.Unreachable(url + " answered HTTP " + response.code());
      }
      return new RunnerObservation.Reported(JSON.readValue(body.byteStream(), RunnerStatus.class));
    } catch (IOException e) {
      return new RunnerObservation.Unreachable(url + ": " + e.getMessage());
    }
  }
}
