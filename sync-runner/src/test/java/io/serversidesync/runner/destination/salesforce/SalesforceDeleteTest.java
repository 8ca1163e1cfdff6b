package io.serversidesync.runner.destination.salesforce;

import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.DATA;
import static io.serversidesync.runner.destination.salesforce.SalesforceFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SalesforceDeleteTest {

  private final SalesforceFixture sf;

  SalesforceDeleteTest() throws Exception {
    sf = new SalesforceFixture();
  }

  @AfterEach
  void stop() throws Exception {
    sf.close();
  }

  private WriteResult delete(List<String> keys) throws Exception {
    SalesforceDestination destination = sf.destination();
    return destination.write(
        destination.deliveryPaths().get(0),
        WriteOperation.DELETE,
        keys.stream().map(DestinationRecord::keyOnly).toList());
  }

  @Test
  void oneOrTwoRecordsAreDeletedOneByOneByExternalId() throws Exception {
    sf.routes.on(
        "DELETE",
        DATA + "/sobjects/Contact/Customer_Ref__c/.*",
        r ->
            r.getPath().endsWith("/A%2F1%20x")
                ? new MockResponse().setResponseCode(204)
                : json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"not found\"}]"));

    WriteResult result = delete(List.of("A/1 x", "gone"));

    assertThat(result.outcomes())
        .containsExactly(new RecordOutcome.Ok(null, false), new RecordOutcome.Ok(null, false));
    assertThat(sf.telemetry.calls("record-delete")).isEqualTo(2);
    assertThat(sf.telemetry.calls("query")).isZero();
  }

  @Test
  void largerBatchesLookTheIdsUpAndDeleteThemInOneCollectionsCall() throws Exception {
    sf.routes.on(
        "GET",
        DATA + "/query\\?q=.*",
        r ->
            json(
                200,
                """
                {"totalSize":3,"done":true,"records":[
                 {"attributes":{"type":"Contact"},"Id":"003AAA","Customer_Ref__c":"C-1"},
                 {"attributes":{"type":"Contact"},"Id":"003BBB","Customer_Ref__c":"o'hara"},
                 {"attributes":{"type":"Contact"},"Id":"003CCC","Customer_Ref__c":"c-3"}]}
                """));
    sf.routes.on(
        "DELETE",
        DATA + "/composite/sobjects\\?.*",
        r ->
            json(
                200,
                """
                [{"id":"003AAA","success":true,"errors":[]},
                 {"id":"003BBB","success":false,"errors":[{"statusCode":"ENTITY_IS_DELETED",
                   "message":"entity is deleted","fields":[]}]},
                 {"id":"003CCC","success":false,"errors":[{"statusCode":"DELETE_FAILED",
                   "message":"Your attempt to delete c-3 could not be completed","fields":[]}]}]
                """));

    WriteResult result = delete(List.of("C-1", "o'hara", "C-3", "C-4"));

    assertThat(result.outcomes())
        .containsExactly(
            new RecordOutcome.Ok("003AAA", false),
            new RecordOutcome.Ok("003BBB", false),
            new RecordOutcome.Permanent(
                "DELETE_FAILED", "Your attempt to delete c-3 could not be completed", List.of()),
            new RecordOutcome.Ok(null, false));
    RecordedRequest query = sf.routes.requests("GET", DATA + "/query.*").get(0);
    assertThat(HttpUrl.get("http://x" + query.getPath()).queryParameter("q"))
        .isEqualTo(
            "SELECT Id, Customer_Ref__c FROM Contact WHERE Customer_Ref__c IN"
                + " ('C-1','o\\'hara','C-3','C-4')");
    RecordedRequest deleteCall =
        sf.routes.requests("DELETE", DATA + "/composite/sobjects.*").get(0);
    HttpUrl url = HttpUrl.get("http://x" + deleteCall.getPath());
    assertThat(url.queryParameter("ids")).isEqualTo("003AAA,003BBB,003CCC");
    assertThat(url.queryParameter("allOrNone")).isEqualTo("false");
    assertThat(sf.telemetry.calls("query") + sf.telemetry.calls("collections-delete")).isEqualTo(2);
  }

  @Test
  void whenTheLookupQueryIsRefusedDeletesGoOneByOneFromThenOn() throws Exception {
    sf.routes.on(
        "GET",
        DATA + "/query\\?q=.*",
        r ->
            json(
                400, "[{\"errorCode\":\"MALFORMED_QUERY\",\"message\":\"unexpected token: IN\"}]"));
    sf.routes.on(
        "DELETE",
        DATA + "/sobjects/Contact/Customer_Ref__c/.*",
        r -> new MockResponse().setResponseCode(204));
    SalesforceDestination destination = sf.destination();
    List<DestinationRecord> five =
        List.of("a", "b", "c", "d", "e").stream().map(DestinationRecord::keyOnly).toList();

    WriteResult first =
        destination.write(destination.deliveryPaths().get(0), WriteOperation.DELETE, five);
    WriteResult second =
        destination.write(destination.deliveryPaths().get(0), WriteOperation.DELETE, five);

    assertThat(first.outcomes()).hasSize(5).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(second.outcomes()).hasSize(5).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(sf.telemetry.calls("query")).isEqualTo(1);
    assertThat(sf.telemetry.calls("record-delete")).isEqualTo(10);
  }
}
