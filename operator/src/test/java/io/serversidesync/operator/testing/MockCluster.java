package io.serversidesync.operator.testing;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fabric8's mock API server in CRUD mode with the ServerSideSync CRD installed, recording every
 * request with the client that sent it (so tests can count status writes and check the operator's
 * requests against its RBAC).
 */
public final class MockCluster implements AutoCloseable {

  public static final String OPERATOR_AGENT = "serversidesync-operator-under-test";

  private final KubernetesMockServer server;
  private final ConcurrentLinkedQueue<ApiRequest> requests = new ConcurrentLinkedQueue<>();
  private final List<KubernetesClient> clients = new ArrayList<>();

  // The mock server logs every request through java.util.logging at INFO: thousands of lines.
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  public MockCluster() {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    var responses =
        new HashMap<
            io.fabric8.mockwebserver.ServerRequest,
            java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
    KubernetesMixedDispatcher dispatcher =
        new KubernetesMixedDispatcher(responses) {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String agent = request.getHeader("User-Agent");
            requests.add(new ApiRequest(request.getMethod(), request.getPath(), agent));
            return super.dispatch(request);
          }
        };
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    server.init();
    // A real API server keeps the status of a Deployment or Job when its spec is updated (status
    // is a subresource); the mock replaces it with the request's (none) unless told the kind has a
    // status subresource. Without this, scaling a runner to 0 erased the Deployment's pod counts,
    // and the operator saw "stopped" before the kubelet had even begun stopping the pod.
    server.expectCustomResource(withStatusSubresource("apps", "Deployment", "deployments"));
    server.expectCustomResource(withStatusSubresource("batch", "Job", "jobs"));
    KubernetesClient admin = client("test-admin");
    try (InputStream crd =
        ServerSideSync.class.getResourceAsStream(
            "/META-INF/fabric8/" + ServerSideSync.CRD_NAME + "-v1.yml")) {
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(
              admin.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
          .create();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CustomResourceDefinitionContext withStatusSubresource(
      String group, String kind, String plural) {
    return new CustomResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withScope("Namespaced")
        .withStatusSubresource(true)
        .build();
  }

  /** The API server's URL, for clients configured elsewhere (a child process). */
  public String url() {
    return server.url("/");
  }

  /** A client that identifies itself with the given user agent. */
  public synchronized KubernetesClient client(String userAgent) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.url("/"))
            .withTrustCerts(true)
            .withNamespace("default")
            .withUserAgent(userAgent)
            .withRequestRetryBackoffLimit(0)
            .build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  /**
   * Answers the SelfSubjectRulesReview that JOSDK's leader election sends before it starts (the
   * mock server has no authorizer, and would echo the review without a status): leases may be read
   * and written, as the chart's Role grants.
   */
  public void allowLeases() {
    SelfSubjectRulesReview review =
        new SelfSubjectRulesReviewBuilder()
            .withNewStatus()
            .withIncomplete(false)
            .addNewResourceRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("get", "create", "update", "patch")
            .endResourceRule()
            .endStatus()
            .build();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review)
        .always();
  }

  public void createNamespace(String name) {
    Namespace ns = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    client("test-admin").resource(ns).create();
  }

  /** Every request so far, oldest first. */
  public List<ApiRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests sent by the operator under test. */
  public List<ApiRequest> operatorRequests() {
    return requests.stream().filter(r -> OPERATOR_AGENT.equals(r.userAgent())).toList();
  }

  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    server.destroy();
  }
}
