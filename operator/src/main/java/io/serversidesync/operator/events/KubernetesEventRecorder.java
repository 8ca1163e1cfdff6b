package io.serversidesync.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.rbac.Permission;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes core/v1 Events, which {@code kubectl describe} and {@code kubectl events} show. */
public final class KubernetesEventRecorder implements EventRecorder {

  /** What this class asks of the API server. */
  public static final List<Permission> PERMISSIONS = List.of(Permission.of("", "events", "create"));

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
  private static final String COMPONENT = "serversidesync-operator";
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;

  public KubernetesEventRecorder(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  @Override
  public void record(ServerSideSync sync, SyncEvent event) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String message =
        event.message().length() > MAX_MESSAGE
            ? event.message().substring(0, MAX_MESSAGE - 1) + "…"
            : event.message();
    Event e =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                sync.getMetadata().getName()
                    + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE))
            .withNamespace(sync.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(ServerSideSync.API_VERSION)
            .withKind(ServerSideSync.KIND)
            .withName(sync.getMetadata().getName())
            .withNamespace(sync.getMetadata().getNamespace())
            .withUid(sync.getMetadata().getUid())
            .withResourceVersion(sync.getMetadata().getResourceVersion())
            .endInvolvedObject()
            .withType(event.type().name())
            .withReason(event.reason())
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent("serversidesync.io/operator")
            .withReportingInstance(instance)
            .build();
    try {
      client.v1().events().inNamespace(sync.getMetadata().getNamespace()).resource(e).create();
    } catch (KubernetesClientException ex) {
      LOG.warn(
          "could not record event {} for {}/{}: {}",
          event.reason(),
          sync.getMetadata().getNamespace(),
          sync.getMetadata().getName(),
          ex.getMessage());
    }
  }
}
