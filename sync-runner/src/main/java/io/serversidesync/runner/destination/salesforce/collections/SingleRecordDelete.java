package io.serversidesync.runner.destination.salesforce.collections;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.api.RecordErrors;
import io.serversidesync.runner.destination.salesforce.api.SalesforceApi;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import java.util.List;
import okhttp3.Request;

/**
 * Deletes one record by external id: {@code DELETE …/sobjects/{object}/{field}/{value}} (one API
 * call per record). A record that is not there counts as deleted.
 */
public final class SingleRecordDelete {

  private final SalesforceApi api;
  private final String object;
  private final String externalIdField;

  public SingleRecordDelete(SalesforceApi api, String object, String externalIdField) {
    this.api = api;
    this.object = object;
    this.externalIdField = externalIdField;
  }

  public RecordOutcome delete(String externalId) throws DestinationException {
    HttpReply reply =
        api.call(
            "record-delete",
            root ->
                new Request.Builder()
                    .url(
                        root.newBuilder()
                            .addPathSegment("sobjects")
                            .addPathSegment(object)
                            .addPathSegment(externalIdField)
                            .addPathSegment(externalId)
                            .build())
                    .delete());
    int status = reply.status();
    if (reply.successful() || status == 404) {
      // 404: no record has this external id (any more); the preflight ruled out a bad field.
      return new RecordOutcome.Ok(null, false);
    }
    if (status == 300) {
      return new RecordOutcome.Permanent(
          "MULTIPLE_RECORDS",
          "more than one " + object + " has " + externalIdField + " = " + externalId,
          List.of(externalIdField));
    }
    if (status == 403) {
      throw new DestinationException(
          Kind.CONFIGURATION,
          "DeleteRejected",
          "Salesforce does not let the integration user delete "
              + object
              + " records: "
              + CollectionsUpsert.firstError(reply).describe()
              + "; grant Delete on the object or set spec.deletes: Ignore");
    }
    if (status >= 400 && status < 500) {
      return RecordErrors.outcome(reply.errors());
    }
    throw new DestinationException(
        Kind.TRANSIENT,
        "UnexpectedResponse",
        "Salesforce answered a delete with HTTP " + status + "; the batch is retried");
  }
}
