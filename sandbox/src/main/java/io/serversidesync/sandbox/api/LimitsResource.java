package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.quota.ApiUsage;
import io.serversidesync.sandbox.quota.RollingAllocation;

/** {@code /limits}: the org's allocations with Max and Remaining as integers. */
final class LimitsResource {
  private final ApiUsage usage;

  LimitsResource(ApiUsage usage) {
    this.usage = usage;
  }

  void register(Router<ApiCall> router) {
    router.add("GET", "limits", "limits", (r, p, c) -> limits());
  }

  private Response limits() {
    ObjectNode body = Json.object();
    put(body, "ConcurrentAsyncGetReportInstances", 200, 200);
    put(body, "DailyApiRequests", usage.requests());
    put(body, "DailyAsyncApexExecutions", 250000, 250000);
    put(body, "DailyBulkApiBatches", usage.bulkBatches());
    put(body, "DailyBulkV2QueryFileStorageMB", 976562, 976562);
    put(body, "DailyBulkV2QueryJobs", 10000, 10000);
    put(body, "DataStorageMB", 5, 5);
    put(body, "FileStorageMB", 20, 20);
    return Response.json(200, body);
  }

  private static void put(ObjectNode body, String name, RollingAllocation a) {
    put(body, name, a.limit(), a.remaining());
  }

  private static void put(ObjectNode body, String name, long max, long remaining) {
    ObjectNode n = body.putObject(name);
    n.put("Max", max);
    n.put("Remaining", remaining);
  }
}
