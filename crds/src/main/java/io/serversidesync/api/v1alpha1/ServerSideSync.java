package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A sync of one Postgres table to one destination object, upserting by a customer-managed
 * identifier. The operator runs one runner pod per resource; the runner also reads this manifest
 * directly in local mode.
 */
@JsonClassDescription(
    "Syncs one Postgres table to one destination object (Salesforce or HubSpot), upserting coalesced"
        + " changes in batches by a customer-managed identifier.")
@Group(ServerSideSync.GROUP)
@Version(ServerSideSync.VERSION)
@Kind(ServerSideSync.KIND)
@Plural(ServerSideSync.PLURAL)
@Singular("serversidesync")
@ShortNames("sss")
@Categories({"all-syncs"})
@AdditionalPrinterColumn(
    name = "READY",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = Type.STRING,
    getDescription = "Status of the Ready condition")
@AdditionalPrinterColumn(
    name = "PHASE",
    jsonPath = ".status.phase",
    type = Type.STRING,
    getDescription =
        "What the runner is doing: Pending, Snapshotting, Streaming, Throttled, Suspended or Failed")
@AdditionalPrinterColumn(
    name = "LAG",
    jsonPath = ".status.lag.seconds",
    type = Type.NUMBER,
    getDescription =
        "Seconds between the newest captured commit and the newest change the destination acknowledged")
@AdditionalPrinterColumn(
    name = "CALLS-SAVED",
    jsonPath = ".status.counters.apiCallsSaved",
    type = Type.INTEGER,
    getDescription = "Destination API calls saved against one call per change")
@AdditionalPrinterColumn(
    name = "CALLS/DAY",
    jsonPath = ".status.plan.callsPerDay",
    type = Type.INTEGER,
    getDescription = "API calls per day the dry run's plan estimates for the steady state")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = Type.DATE,
    getDescription = "Time since the resource was created")
public class ServerSideSync extends CustomResource<ServerSideSyncSpec, ServerSideSyncStatus>
    implements Namespaced {

  public static final String GROUP = "serversidesync.io";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "ServerSideSync";
  public static final String PLURAL = "serversidesyncs";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CRD_NAME = PLURAL + "." + GROUP;

  @Override
  @JsonPropertyDescription(
      "Desired state: source table, destination object, column mapping, batching, rate limits"
          + " and direction.")
  public ServerSideSyncSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "Observed state, written by the operator: phase, conditions, lag and counters.")
  public ServerSideSyncStatus getStatus() {
    return super.getStatus();
  }

  @Override
  protected ServerSideSyncStatus initStatus() {
    return new ServerSideSyncStatus();
  }
}
