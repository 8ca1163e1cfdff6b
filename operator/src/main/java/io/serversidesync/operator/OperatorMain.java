package io.serversidesync.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.serversidesync.operator.config.InvalidSettingsException;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.http.OperatorHttpServer;
import io.serversidesync.operator.status.HttpRunnerStatusClient;
import io.serversidesync.operator.status.ServiceDnsRunnerAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the operator with the settings from the environment (see OperatorSettings.Variable). */
public final class OperatorMain {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnvironment(System.getenv());
    } catch (InvalidSettingsException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String instance =
        System.getenv().getOrDefault("HOSTNAME", InetAddress.getLocalHost().getHostName());
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    KubernetesClient client = new KubernetesClientBuilder().build();
    ServerSideSyncOperator operator =
        new ServerSideSyncOperator(
            client,
            settings,
            new HttpRunnerStatusClient(new ServiceDnsRunnerAddresses()),
            Clock.systemUTC(),
            meters,
            instance);
    OperatorHttpServer http =
        new OperatorHttpServer(
            settings.metricsPort(), meters::scrape, operator::healthy, operator::started);
    http.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  http.close();
                  client.close();
                  stopped.countDown();
                },
                "shutdown"));
    LOG.info(
        "starting: watching {}, runner image {}, status poll every {}s, leader election {}",
        settings.watchesAllNamespaces() ? "all namespaces" : settings.watchNamespaces(),
        settings.runnerImage(),
        settings.statusPollInterval().toSeconds(),
        settings.leaderElection() ? "on" : "off");
    operator.start();
    stopped.await();
  }
}
