package io.serversidesync.sandbox.api;

import io.serversidesync.sandbox.admin.AdminResource;
import io.serversidesync.sandbox.auth.OAuthFlows;
import io.serversidesync.sandbox.auth.OrgIdentity;
import io.serversidesync.sandbox.auth.TokenService;
import io.serversidesync.sandbox.bulk.IngestJobs;
import io.serversidesync.sandbox.faults.FaultInjector;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.HttpServerHost;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.quota.ApiUsage;
import io.serversidesync.sandbox.stats.SandboxStats;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.write.UpsertService;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The top of the URL space: OAuth, versions, the data API, identity URLs, the HubSpot API ({@code
 * /crm/…}, {@code /account-info/…}) and the admin door.
 */
public final class SandboxDispatcher implements HttpServerHost.Dispatcher {
  private final DataApi dataApi;
  private final OAuthResource oauth;
  private final IdentityResource identity;
  private final AdminResource admin;
  private final QueryCursors cursors;
  private final HttpServerHost.Dispatcher hubSpot;

  /** Everything the resources need, wired once by the sandbox. */
  public record Services(
      RecordStore store,
      UpsertService writes,
      IngestJobs jobs,
      ApiUsage usage,
      OrgIdentity org,
      TokenService tokens,
      OAuthFlows flows,
      FaultInjector faults,
      SandboxStats stats,
      AdminResource admin,
      HttpServerHost.Dispatcher hubSpot,
      Supplier<String> baseUrl) {}

  public SandboxDispatcher(Services s) {
    this.cursors = new QueryCursors(s.store());
    Router<ApiCall> router = new Router<>();
    router.add("GET", "", "resources", (r, p, c) -> DataApi.resources(c));
    new SObjectResource(s.store(), s.writes()).register(router);
    new CollectionsResource(s.store(), s.writes()).register(router);
    new CompositeResource(s.store()).register(router);
    new QueryResource(s.store(), cursors).register(router);
    new LimitsResource(s.usage()).register(router);
    new BulkIngestResource(s.store(), s.jobs(), s.org()).register(router);
    this.dataApi = new DataApi(router, s.tokens(), s.faults(), s.usage(), s.stats());
    this.oauth = new OAuthResource(s.flows(), s.faults(), s.usage(), s.stats(), s.baseUrl());
    this.identity = new IdentityResource(s.tokens(), s.org(), s.baseUrl());
    this.admin = s.admin();
    this.hubSpot = s.hubSpot();
  }

  /** Drops open query cursors (reset). */
  public void clearCursors() {
    cursors.clear();
  }

  @Override
  public Response dispatch(Request request) throws ApiException, IOException {
    List<String> seg = request.segments();
    try {
      if (seg.size() >= 2 && seg.get(0).equals("services")) {
        if (seg.size() == 3 && seg.get(1).equals("oauth2") && seg.get(2).equals("token")) {
          return oauth.token(request);
        }
        if (seg.get(1).equals("data")) {
          if (seg.size() == 2) {
            return VersionsResource.versions();
          }
          return dataApi.handle(request, seg.get(2), seg.subList(3, seg.size()));
        }
      }
      if (seg.size() == 3 && seg.get(0).equals("id")) {
        return identity.identity(request);
      }
      if (!seg.isEmpty() && (seg.get(0).equals("crm") || seg.get(0).equals("account-info"))) {
        return hubSpot.dispatch(request);
      }
      if (!seg.isEmpty() && seg.get(0).equals("__sandbox")) {
        return admin.handle(request, seg.subList(1, seg.size()));
      }
      throw ApiException.notFound();
    } catch (ApiException e) {
      return DataApi.error(e);
    }
  }
}
